#!/usr/bin/env python3
"""seccomp-run.py UNIT -- COMMAND...: runs COMMAND under the system-call filter of a systemd unit.

systemd-run needs systemd as PID 1, which CI containers lack; this applies the unit's
SystemCallFilter= lines (allow-list, then ~deny-lists) and SystemCallErrorNumber= with libseccomp,
as systemd does, expanding @groups with `systemd-analyze syscall-filter`. Used by ops-checks.sh to
show that java runs under the filter of costmon's units.
"""
import ctypes
import errno
import os
import re
import subprocess
import sys


def expand(group, seen=None):
    seen = seen if seen is not None else set()
    if not group.startswith("@"):
        return {group}
    if group in seen:
        return set()
    seen.add(group)
    out = set()
    text = subprocess.run(["systemd-analyze", "syscall-filter", group], check=True, capture_output=True,
                          text=True).stdout
    for line in text.splitlines()[1:]:
        line = line.strip()
        if line and not line.startswith("#"):
            out |= expand(line, seen)
    return out


def unit_filter(path):
    allow, deny, err = None, set(), errno.EPERM
    for line in open(path):
        m = re.match(r"^SystemCallFilter=(~?)(.*)$", line.strip())
        if m:
            names = set()
            for item in m.group(2).split():
                names |= expand(item)
            if m.group(1):
                if allow is None:
                    deny |= names
                else:
                    allow -= names
            else:
                allow = names if allow is None else allow | names
        m = re.match(r"^SystemCallErrorNumber=(\w+)$", line.strip())
        if m:
            err = getattr(errno, m.group(1))
    return allow, deny, err


def main():
    unit, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    allow, deny, err = unit_filter(unit)
    lib = ctypes.CDLL("libseccomp.so.2")
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    act_allow, act_errno = 0x7FFF0000, 0x00050000 | err
    ctx = lib.seccomp_init(act_errno if allow is not None else act_allow)
    rules = allow if allow is not None else deny
    action = act_allow if allow is not None else act_errno
    added = 0
    for name in sorted(rules):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr >= 0 and lib.seccomp_rule_add(ctx, action, nr, 0) == 0:
            added += 1
    if lib.seccomp_load(ctx) != 0:
        sys.exit("seccomp-run: cannot load the filter")
    print(f"seccomp-run: {os.path.basename(unit)}: {added} system calls "
          f"{'allowed' if allow is not None else 'denied'}", file=sys.stderr)
    os.execvp(command[0], command)


main()
