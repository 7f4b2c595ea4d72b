#!/usr/bin/python3
"""Runs a program under the restrictions govreportd.service puts on the daemon, without systemd.

    unit_sandbox.py UNIT-FILE -- PROGRAM [ARGUMENT...]

Reads the unit's SystemCallFilter= lines, expands the syscall groups with `systemd-analyze syscall-filter`,
and applies them as a seccomp filter (denied calls fail with the unit's SystemCallErrorNumber=; with
RestrictAddressFamilies=AF_UNIX, sockets of other families fail too), then
MemoryDenyWriteExecute= (the kernel's PR_SET_MDWE) and NoNewPrivileges=, and execs PROGRAM. The caller adds
what this script cannot: a private network namespace (unshare --net), the unit's user and an empty
capability bounding set (setpriv). Needs Debian's python3-seccomp.
"""

import ctypes
import errno
import os
import socket
import subprocess
import sys

import seccomp

PR_SET_NO_NEW_PRIVS = 38
PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1


def unit_settings(path):
    """The [Service] settings of a unit file: name -> list of values, in order."""
    settings = {}
    section = None
    with open(path, encoding="utf-8") as unit:
        for line in unit:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line
                continue
            if section == "[Service]" and "=" in line:
                key, value = line.split("=", 1)
                settings.setdefault(key, []).append(value)
    return settings


def expand(name, seen=None):
    """The system calls of a name: a group (@...) expanded recursively, or the call itself."""
    seen = seen if seen is not None else set()
    if not name.startswith("@"):
        return {name}
    if name in seen:
        return set()
    seen.add(name)
    output = subprocess.run(["systemd-analyze", "syscall-filter", "--no-pager", name],
                            check=True, capture_output=True, text=True).stdout
    calls = set()
    for line in output.splitlines()[1:]:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        calls |= expand(line, seen)
    return calls


def syscall_policy(settings):
    """The allowed calls: the union of the allow-lists minus every call a ~ line denies."""
    allowed = None
    denied = set()
    for value in settings.get("SystemCallFilter", []):
        deny = value.startswith("~")
        names = value.lstrip("~").split()
        calls = set().union(*(expand(name) for name in names))
        if deny:
            denied |= calls
        elif allowed is None:
            allowed = calls
        else:
            allowed |= calls
    return (allowed or set()) - denied


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    settings = unit_settings(sys.argv[1])
    program = sys.argv[3:]
    error_name = settings.get("SystemCallErrorNumber", ["EPERM"])[-1]
    error_number = getattr(errno, error_name)

    libc = ctypes.CDLL(None, use_errno=True)
    if settings.get("NoNewPrivileges", ["no"])[-1] == "yes":
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            sys.exit("prctl(PR_SET_NO_NEW_PRIVS) failed")
    if settings.get("MemoryDenyWriteExecute", ["no"])[-1] == "yes":
        if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
            sys.exit("prctl(PR_SET_MDWE) failed: the kernel is older than 6.3")

    allowed = syscall_policy(settings)
    if allowed:
        policy = seccomp.SyscallFilter(defaction=seccomp.ERRNO(error_number))
        families = settings.get("RestrictAddressFamilies", [])
        if families == ["AF_UNIX"]:
            # RestrictAddressFamilies=AF_UNIX: sockets of any other family fail.
            for call in ("socket", "socketpair"):
                if call in allowed:
                    policy.add_rule(seccomp.ALLOW, call, seccomp.Arg(0, seccomp.EQ, socket.AF_UNIX))
            allowed = allowed - {"socket", "socketpair"}
        elif families:
            sys.exit("unit_sandbox.py knows only RestrictAddressFamilies=AF_UNIX")
        # execve itself must pass, to start the program (systemd applies the filter after its own exec setup).
        for call in sorted(allowed | {"execve"}):
            try:
                policy.add_rule(seccomp.ALLOW, call)
            except (RuntimeError, ValueError, OSError):
                pass  # not a system call on this architecture
        policy.load()
    os.execv(program[0], program)


if __name__ == "__main__":
    main()
