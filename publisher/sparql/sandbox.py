"""Belt and braces for query workers: the kernel refuses them network sockets (Linux seccomp filter).

The safety check refuses SERVICE before a query runs; this makes the guarantee hold even if some spelling got
past the check: a worker over the embedded store has no reason to open an IP socket, so after
:func:`deny_network` ``socket(AF_INET|AF_INET6, ...)`` and ``io_uring_setup`` fail with EACCES. Pipes and
Unix sockets still work. Where the filter cannot be installed (another OS or CPU) the worker runs without it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
import sys

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
LD_ABS_W, JEQ_K, JGE_K, RET_K = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
X32_BIT = 0x40000000
ALLOW, DENY = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
AF_INET, AF_INET6 = 2, 10
ARCHES = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}  # audit arch, socket, io_uring


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def program(arch: int, socket_nr: int, io_uring_nr: int) -> list[tuple[int, int, int, int]]:
    """The BPF filter: deny IPv4/IPv6 sockets, io_uring and foreign ABIs; allow everything else."""
    return [
        (LD_ABS_W, 0, 0, 4),                  # 0: seccomp_data.arch
        (JEQ_K, 1, 0, arch),                  # 1: native ABI: go on to 3
        (RET_K, 0, 0, DENY),                  # 2: i386 / compat calls
        (LD_ABS_W, 0, 0, 0),                  # 3: seccomp_data.nr
        (JGE_K, 7, 0, X32_BIT),               # 4: x32 calls -> 12
        (JEQ_K, 6, 0, io_uring_nr),           # 5: io_uring_setup -> 12
        (JEQ_K, 0, 4, socket_nr),             # 6: socket -> 7, anything else -> 11
        (LD_ABS_W, 0, 0, 16),                 # 7: seccomp_data.args[0] (low half): the address family
        (JEQ_K, 3, 0, AF_INET),               # 8: -> 12
        (JEQ_K, 2, 0, AF_INET6),              # 9: -> 12
        (RET_K, 0, 0, ALLOW),                 # 10: other families (Unix sockets, socketpair)
        (RET_K, 0, 0, ALLOW),                 # 11: other calls
        (RET_K, 0, 0, DENY),                  # 12
    ]


def deny_network() -> bool:
    """Install the filter in this process (irreversibly); False where it cannot be installed."""
    numbers = ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or numbers is None:
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    rules = program(*numbers)
    filters = (_Filter * len(rules))(*[_Filter(code, jt, jf, k) for code, jt, jf, k in rules])
    prog = _Program(len(rules), filters)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)
