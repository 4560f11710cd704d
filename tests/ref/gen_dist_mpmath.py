# gen_dist_mpmath.py -- mpmath reference values for tests/test_dist.c
# (the erfcx_mpmath test: exp(z^2) erfc(z) at 40 digits).
#   /usr/bin/python3 tests/ref/gen_dist_mpmath.py
import mpmath as mp

mp.mp.dps = 40
for z in ["0", "0.3", "2.5", "5", "25.9", "26.1", "100", "1e4"]:
    z = mp.mpf(z)
    print(z, mp.nstr(mp.exp(z * z) * mp.erfc(z), 20))
