#!/usr/bin/python3
"""Reference seeds of `powstat batch` simulate jobs without a seed cell:
seed = splitmix64(base XOR fnv1a64(id)), computed here independently of the
C code (tests/golden/batch_simulate.sh pastes these values).
Usage: /usr/bin/python3 tests/ref/gen_batch_seed.py BASE ID..."""
import sys

M = (1 << 64) - 1


def fnv1a64(b):
    h = 0xCBF29CE484222325
    for c in b:
        h = ((h ^ c) * 0x100000001B3) & M
    return h


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M
    return x ^ (x >> 31)


base = int(sys.argv[1])
for i in sys.argv[2:]:
    print(i, splitmix64(base ^ fnv1a64(i.encode())))
