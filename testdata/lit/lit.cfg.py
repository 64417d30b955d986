# lit configuration for poolguard's tests. Substitutions:
#   %clang      the clang the plugin was built for
#   %plugin     the plugin
#   %analyze    clang -cc1 -analyze with the plugin, every poolguard checker
#               and the system include paths the driver would use
#   %analyze_plugin  the same with no checker enabled: the test names its own
#               (-analyzer-checker=poolguard.HandleLeak)
#   %build      the driver with -fplugin (ordinary-build mode)
#   %soup3 %soup2 %neon %glib   -I flags of those libraries
#   %poolguard  the poolguard command
import os
import shlex
import subprocess

import lit.formats

site = lit_config.params.get("poolguard_site_config")
if site:
    lit_config.load_config(config, site)

config.name = "poolguard"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

clang = config.poolguard_clang
plugin = config.poolguard_plugin


def driver_cc1_includes():
    """The header search flags clang's driver passes to cc1 on this host."""
    out = subprocess.run([clang, "-###", "-fsyntax-only", "-x", "c", os.devnull],
                         capture_output=True, text=True, check=True).stderr
    line = [l for l in out.splitlines() if '"-cc1"' in l][-1]
    args = shlex.split(line)
    keep = []
    i = 0
    while i < len(args):
        if args[i] in ("-internal-isystem", "-internal-externc-isystem",
                       "-resource-dir", "-triple"):
            keep += [args[i], args[i + 1]]
            i += 2
        else:
            i += 1
    return " ".join(shlex.quote(a) for a in keep)


def pkg_cflags(*pkgs):
    return subprocess.run(["pkg-config", "--cflags"] + list(pkgs),
                          capture_output=True, text=True, check=True).stdout.strip()


cc1 = "%s -cc1 %s" % (shlex.quote(clang), driver_cc1_includes())
analyze_plugin = "%s -analyze -setup-static-analyzer -load %s" % (
    cc1, shlex.quote(plugin))
config.substitutions += [
    ("%analyze_plugin", analyze_plugin),
    ("%analyze", "%s -analyze -setup-static-analyzer -load %s "
                 "-analyzer-checker=poolguard" % (cc1, shlex.quote(plugin))),
    ("%clang_cc1", cc1),
    ("%scan_build", os.path.join(config.poolguard_llvm_tools, "scan-build")),
    ("%build", "%s -fplugin=%s" % (shlex.quote(clang), shlex.quote(plugin))),
    ("%clang", shlex.quote(clang)),
    ("%plugin", shlex.quote(plugin)),
    ("%poolguard", os.path.join(config.poolguard_bin, "poolguard")),
    ("%soup3", pkg_cflags("libsoup-3.0")),
    ("%soup2", pkg_cflags("libsoup-2.4")),
    ("%neon", pkg_cflags("neon")),
    ("%glib", pkg_cflags("gio-2.0")),
    ("%srcroot", config.poolguard_source),
]
config.environment["PATH"] = os.pathsep.join(
    [config.poolguard_llvm_tools, config.environment.get("PATH", "")])
config.available_features.add("llvm%s" % config.poolguard_llvm_version)
if os.path.exists(config.poolguard_other_clang):
    config.available_features.add("other-clang")
    config.substitutions.append(("%other_clang", config.poolguard_other_clang))
