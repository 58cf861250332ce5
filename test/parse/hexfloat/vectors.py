# Writes vectors.json for test/parse/hexfloat.test.ts: hexadecimal float literals (CDDL's hexfloat, C99's form)
# and the binary64 Python's float.fromhex reads them as (correctly rounded, ties to even), written as float.hex()
# writes it, 'inf' where it overflows. Run: python3 vectors.py > vectors.json
import json, random, sys

random.seed(20261207)
DIGITS = '0123456789abcdefABCDEF'
# Near the edges of binary64 (the least subnormal, the normal range's start, the greatest double) and plain ones.
EXPONENTS = [-1074, -1075, -1076, -1073, -1022, -1023, -1024, -1060, 1023, 1024, 1020]
vectors = []
def add(literal):
    try:
        expected = float.fromhex(literal).hex()
    except OverflowError:
        expected = '-inf' if literal.startswith('-') else 'inf'
    vectors.append([literal, expected])
for literal in ['0x0p0', '-0x0p0', '0x0p5000', '0x0.0p-5000', '0x1p-1074', '0x1p-1075', '0x1.8p-1074', '0x1.0000000000001p-1075',
                '0x1p-1076', '0x1.fffffffffffff8p1023', '0x1.fffffffffffff7ffp1023', '0x1p1024', '0x1.8p3', '0x1P-2', '0XAp0',
                '0x10000000000000000000000000p-1150', '0x1fffffffffffff8p-3', '0x1p99999999999999999999', '0x1p-99999999999999999999']:
    add(literal)
while len(vectors) < 1500:
    whole = ''.join(random.choice(DIGITS) for _ in range(random.choice([1, 1, 2, 3, 13, 14, 15, 16, 17, 30, 80])))
    fraction = ''.join(random.choice(DIGITS) for _ in range(random.choice([0, 0, 1, 2, 13, 14, 15, 20])))
    exponent = random.choice([random.randint(-20, 20), random.randint(-1200, 1100), random.choice(EXPONENTS) - 4 * len(whole) + 4])
    add(('-' if random.random() < 0.2 else '') + '0x' + whole + ('.' + fraction if fraction else '') + 'p' + str(exponent))
sys.stdout.write('[\n' + ',\n'.join(json.dumps(v) for v in vectors) + '\n]\n')
