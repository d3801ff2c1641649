"""jieba's dictionary cut (``Tokenizer.lcut(s, HMM=False)``) without its per-call overhead.

The name rules cut thousands of short windows (6-12 characters) per document; for them jieba's generator
chain (``cut`` → block split → ``get_DAG`` dict → ``calc`` with a generator of tuples per position) costs
more than the words themselves. This is the same algorithm — the same block split, the same prefix-dictionary
DAG, the same right-to-left route maximising the same floating-point sums with the same tie rule (the larger
end wins), the same gluing of single Latin letters and digits — in one function over lists. It must return
exactly what jieba returns: tests/unit/policy/test_dagcut.py compares the two on windows of the bundled texts.
"""

from __future__ import annotations

import re
from math import log

import jieba

_HAN = jieba.re_han_default  # the block and skip patterns jieba's cut uses (HMM off, not cut_all)
_SKIP = jieba.re_skip_default
_BLOCK = re.compile(_HAN.pattern[1:-1], _HAN.flags)  # one block, the group left out
_ENG = jieba.re_eng
_ENG_CHARS = frozenset(c for c in map(chr, range(128)) if _ENG.match(c))  # what _ENG matches in one character


_ABSENT = 1.0  # no word and no prefix of one (a log probability is never positive)
_PREFIX = 2.0  # a prefix of a word, no word itself


class _LogProbs:
    """word → log(freq) - log(total) as jieba's calc computes it, or _PREFIX / _ABSENT; filled as words are
    met (the same float jieba adds, so the route's sums and ties are the same)."""

    def __init__(self, tok: jieba.Tokenizer) -> None:
        self.freq: dict[str, int] = tok.FREQ
        self.total: int = tok.total
        self.logtotal = log(tok.total)
        self.unknown = log(1) - self.logtotal
        self.memo: dict[str, float] = {}

    def get(self, frag: str) -> float:
        f = self.freq.get(frag)
        v = _ABSENT if f is None else (log(f) - self.logtotal if f else _PREFIX)
        self.memo[frag] = v
        return v


_TABLES: dict[int, _LogProbs] = {}


def _table(tok: jieba.Tokenizer) -> _LogProbs:
    t = _TABLES.get(id(tok))
    # a word added (add_word changes the total) or a new dictionary: start again
    if t is None or t.freq is not tok.FREQ or t.total != tok.total:
        t = _TABLES[id(tok)] = _LogProbs(tok)
    return t


def clear_memo() -> None:
    """Forget the log probabilities met so far (benchmarks start each repetition cold)."""
    _TABLES.clear()


def _cut_block(blk: str, table: _LogProbs, out: list[str]) -> None:
    """jieba's __cut_DAG_NO_HMM on one block of Chinese / Latin / digit characters, appended to out."""
    n = len(blk)
    score = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    memo = table.memo
    freq = table.freq
    logtotal = table.logtotal
    for idx in range(n - 1, -1, -1):
        best = 0.0
        best_x = -1
        i = idx
        while i < n:
            frag = blk[idx : i + 1]
            lp = memo.get(frag)
            if lp is None:  # table.get(frag), inlined
                f = freq.get(frag)
                lp = memo[frag] = _ABSENT if f is None else (log(f) - logtotal if f else _PREFIX)
            if lp == _ABSENT:
                break
            if lp != _PREFIX:
                p = lp + score[i + 1]
                if best_x < 0 or p >= best:  # max() of (p, x) pairs: on equal p the larger x wins
                    best, best_x = p, i
            i += 1
        if best_x < 0:  # no word starts here: the single character, at jieba's log(1) - log(total)
            best, best_x = table.unknown + score[idx + 1], idx
        score[idx] = best
        nxt[idx] = best_x
    x = 0
    buf = ""
    while x < n:
        y = nxt[x] + 1
        word = blk[x:y]
        if y - x == 1 and word in _ENG_CHARS:
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
    table = _table(tok)
    out: list[str] = []
    if _BLOCK.fullmatch(sentence) is not None:  # one block (most windows): what the split below does with it
        _cut_block(sentence, table, out)
        return out
    for blk in _HAN.split(sentence):
        if not blk:
            continue
        if _HAN.match(blk):
            _cut_block(blk, table, out)
        else:
            for x in _SKIP.split(blk):
                if _SKIP.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out
