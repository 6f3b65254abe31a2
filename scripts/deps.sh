# deps.sh - the Debian packages smmgraph needs to build and test; sourced.
# shellcheck shell=sh
SMM_PACKAGES="gcc make autoconf automake pkg-config gzip python3 libglib2.0-dev libigraph-dev libcsv-dev zlib1g-dev libyajl-dev"
# What the test suite checks against (scripts/run-tests installs them, without
# their recommends, when run as root): the reference libraries, scipy for the
# report's rank agreement, Chromium for the report in a real browser, the
# bash completion, clang-format for the format check.
SMM_TEST_PACKAGES="python3-igraph python3-networkx python3-scipy python3-numpy bash-completion chromium clang-format"

# smm_install_deps: installs what is missing when run as root; otherwise
# names the command to run. Returns non-zero when packages are missing.
smm_install_deps() {
    # shellcheck disable=SC2086 # a word list
    smm_install_packages $SMM_PACKAGES
}

# smm_install_packages PACKAGE...: the same for any list.
smm_install_packages() {
    missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing:$missing" >&2
        # the package lists once per process ($SMM_APT_EXTRA: e.g. --no-install-recommends)
        if [ -z "${SMM_APT_UPDATED:-}" ]; then
            apt-get update -qq || return 1
            SMM_APT_UPDATED=1
        fi
        # shellcheck disable=SC2086 # word lists
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${SMM_APT_EXTRA:-} $missing >/dev/null
    else
        echo "missing Debian packages:$missing" >&2
        echo "install them with: sudo apt-get install$missing" >&2
        return 1
    fi
}
