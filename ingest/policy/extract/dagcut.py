"""jieba's dictionary cut (``Tokenizer.lcut(s, HMM=False)``) without its per-call overhead.

The name rules cut thousands of short windows (6-12 characters) per document; for them jieba's generator
chain (``cut`` → block split → ``get_DAG`` dict → ``calc`` with a generator of tuples per position) costs
more than the words themselves. This is the same algorithm — the same block split, the same prefix-dictionary
DAG, the same right-to-left route maximising the same floating-point sums with the same tie rule (the larger
end wins), the same gluing of single Latin letters and digits — in one function over lists. It must return
exactly what jieba returns: tests/unit/policy/test_dagcut.py compares the two on windows of the bundled texts.
"""

from __future__ import annotations

from math import log

import jieba

_HAN = jieba.re_han_default  # the block and skip patterns jieba's cut uses (HMM off, not cut_all)
_SKIP = jieba.re_skip_default
_ENG = jieba.re_eng


def _cut_block(blk: str, freq: dict[str, int], logtotal: float, out: list[str]) -> None:
    """jieba's __cut_DAG_NO_HMM on one block of Chinese / Latin / digit characters, appended to out."""
    n = len(blk)
    score = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = 0.0
        best_x = -1
        i = idx
        frag = blk[idx]
        while i < n and frag in freq:
            f = freq[frag]
            if f:
                p = log(f) - logtotal + score[i + 1]
                if best_x < 0 or p >= best:  # max() of (p, x) pairs: on equal p the larger x wins
                    best, best_x = p, i
            i += 1
            frag = blk[idx : i + 1]
        if best_x < 0:  # no word starts here: the single character
            best, best_x = log(freq.get(blk[idx]) or 1) - logtotal + score[idx + 1], idx
        score[idx] = best
        nxt[idx] = best_x
    x = 0
    buf = ""
    while x < n:
        y = nxt[x] + 1
        word = blk[x:y]
        if y - x == 1 and _ENG.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)


def dag_lcut(tok: jieba.Tokenizer, sentence: str) -> list[str]:
    """``tok.lcut(sentence, HMM=False)``, the same tokens."""
    tok.check_initialized()
    freq = tok.FREQ
    logtotal = log(tok.total)
    out: list[str] = []
    for blk in _HAN.split(sentence):
        if not blk:
            continue
        if _HAN.match(blk):
            _cut_block(blk, freq, logtotal, out)
        else:
            for x in _SKIP.split(blk):
                if _SKIP.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out
