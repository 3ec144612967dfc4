// The leaderboard: reads the results API (/v1/evaluations) and draws, per evaluation, a table of the
// latest scores and one inline-SVG chart per scorer with a line per model over the kept runs.
(function () {
  'use strict';
  const COLORS = ['#3366cc', '#dc3912', '#109618', '#ff9900', '#990099', '#0099c6', '#dd4477', '#66aa00'];
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 360, H = 180, PAD = { l: 44, r: 10, t: 10, b: 24 };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fmt(v) {
    if (typeof v !== 'number' || Number.isNaN(v)) return '–';
    return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3);
  }

  function scoreTable(ev) {
    const run = ev.latest;
    const table = el('table', { class: 'scores' });
    const head = el('tr');
    head.appendChild(el('th', {}, 'Model'));
    ev.scorers.forEach(s => head.appendChild(el('th', {}, s)));
    table.appendChild(el('thead')).appendChild(head);
    const body = table.appendChild(el('tbody'));
    ev.models.forEach(model => {
      const row = el('tr', { 'data-model': model });
      row.appendChild(el('td', { class: 'model' }, model));
      ev.scorers.forEach(scorer => {
        const s = run.scores.find(x => x.model === model && x.scorer === scorer);
        const cell = el('td', { class: 'score', 'data-scorer': scorer });
        if (s) {
          cell.appendChild(document.createTextNode(fmt(s.mean) + ' '));
          cell.appendChild(el('span', { class: 'ci' }, '[' + fmt(s.ciLow) + ', ' + fmt(s.ciHigh) + ']'));
          if (isBest(run, s)) cell.classList.add('best');
        } else {
          cell.textContent = '–';
        }
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    return table;
  }

  function isBest(run, s) {
    const peers = run.scores.filter(x => x.scorer === s.scorer).map(x => x.mean);
    return peers.length > 1 && s.mean === (s.lowerIsBetter ? Math.min(...peers) : Math.max(...peers));
  }

  function chart(ev, scorer, runs) {
    const points = ev.models.map(model => runs.map(r => {
      const s = r.scores.find(x => x.model === model && x.scorer === scorer);
      return s && typeof s.mean === 'number' ? { t: Date.parse(r.finishedAt), v: s.mean } : null;
    }).filter(Boolean));
    const all = points.flat();
    if (!all.length) {
      const none = el('figure', { class: 'chart' });
      none.appendChild(el('figcaption', {}, scorer + ': no scored items yet'));
      return none;
    }
    const t0 = Math.min(...all.map(p => p.t)), t1 = Math.max(...all.map(p => p.t));
    let v0 = Math.min(0, ...all.map(p => p.v)), v1 = Math.max(...all.map(p => p.v));
    if (v1 <= v0) v1 = v0 + 1;
    const x = t => PAD.l + (t1 === t0 ? (W - PAD.l - PAD.r) / 2 : (t - t0) / (t1 - t0) * (W - PAD.l - PAD.r));
    const y = v => H - PAD.b - (v - v0) / (v1 - v0) * (H - PAD.t - PAD.b);
    const root = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': ev.name + ' ' + scorer + ' over time', 'data-scorer': scorer });
    [0, 0.5, 1].forEach(f => {
      const v = v0 + f * (v1 - v0);
      root.appendChild(svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }));
      root.appendChild(svg('text', { x: PAD.l - 4, y: y(v) + 3, 'text-anchor': 'end' }, fmt(v)));
    });
    root.appendChild(svg('line', { class: 'axis', x1: PAD.l, x2: PAD.l, y1: PAD.t, y2: H - PAD.b }));
    root.appendChild(svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b }));
    root.appendChild(svg('text', { x: PAD.l, y: H - 6 }, new Date(t0).toLocaleTimeString()));
    root.appendChild(svg('text', { x: W - PAD.r, y: H - 6, 'text-anchor': 'end' }, new Date(t1).toLocaleTimeString()));
    points.forEach((pts, i) => {
      const color = COLORS[i % COLORS.length];
      const g = root.appendChild(svg('g', { class: 'series', 'data-series': ev.models[i], stroke: color }));
      g.appendChild(svg('title', {}, ev.models[i]));
      g.appendChild(svg('polyline', { class: 'series', stroke: color,
        points: pts.map(p => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' ') }));
      pts.forEach(p => g.appendChild(svg('circle', { cx: x(p.t), cy: y(p.v), r: 3, fill: color })));
    });
    const fig = el('figure', { class: 'chart' });
    fig.appendChild(el('figcaption', {}, scorer + ' over time'));
    fig.appendChild(root);
    return fig;
  }

  function legend(models) {
    const div = el('div', { class: 'legend' });
    models.forEach((m, i) => {
      const span = div.appendChild(el('span'));
      span.appendChild(el('i', { style: 'background:' + COLORS[i % COLORS.length] }));
      span.appendChild(document.createTextNode(m));
    });
    return div;
  }

  function section(ev) {
    const s = el('section', { class: 'evaluation', 'data-evaluation': ev.name });
    s.appendChild(el('h2', {}, ev.name));
    const meta = s.appendChild(el('div', { class: 'meta' }));
    const run = ev.latest;
    meta.textContent = (ev.schedule ? 'schedule ' + ev.schedule : 'on demand') + (ev.running ? ' · running now' : '')
      + (run ? ' · last run ' + new Date(run.finishedAt).toLocaleString() + ' (' + run.items + ' items)' : ' · no run yet');
    if (!run) return s;
    if (run.state === 'failed') {
      s.appendChild(el('p', { class: 'failed' }, 'Last run failed: ' + run.failure));
    }
    run.regressions.forEach(r => s.appendChild(el('p', { class: 'regression' }, 'Regressed: ' + r)));
    const good = (ev.history || []).filter(r => r.state === 'succeeded');
    const latestGood = run.state === 'succeeded' ? run : good[good.length - 1];
    if (!latestGood) return s;
    s.appendChild(scoreTable(Object.assign({}, ev, { latest: latestGood })));
    s.appendChild(legend(ev.models));
    const charts = s.appendChild(el('div', { class: 'charts' }));
    ev.scorers.forEach(scorer => charts.appendChild(chart(ev, scorer, good)));
    return s;
  }

  async function load() {
    const main = document.getElementById('evaluations');
    try {
      const list = await (await fetch('/v1/evaluations')).json();
      const details = await Promise.all(list.data.map(e =>
        fetch('/v1/evaluations/' + encodeURIComponent(e.name)).then(r => r.json())));
      main.replaceChildren(...details.map(section));
      if (!details.length) main.replaceChildren(el('p', { class: 'empty' }, 'No evaluations are configured.'));
      document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString() + '.';
    } catch (e) {
      main.replaceChildren(el('p', { class: 'failed' }, 'Cannot read /v1/evaluations: ' + e));
    }
  }

  load();
  setInterval(load, 15000);
}());
