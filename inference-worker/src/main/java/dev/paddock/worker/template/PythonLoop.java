package dev.paddock.worker.template;

import com.hubspot.jinjava.util.ForLoop;
import java.util.List;

/**
 * The {@code loop} variable of {@link PythonForTag}: Jinjava's {@link ForLoop} (so that
 * {@code break} and {@code continue} find it) over a list, adding Jinja2's {@code loop.previtem}
 * and {@code loop.nextitem}.
 */
final class PythonLoop extends ForLoop {

    private final List<Object> items;

    PythonLoop(List<Object> items) {
        super(items.iterator(), items.size());
        this.items = items;
    }

    /** {@code loop.previtem}: undefined on the first iteration. */
    public Object getPrevitem() {
        int index = getIndex0();
        return index > 0 ? items.get(index - 1) : null;
    }

    /** {@code loop.nextitem}: undefined on the last iteration. */
    public Object getNextitem() {
        int index = getIndex0();
        return index + 1 < items.size() ? items.get(index + 1) : null;
    }
}
