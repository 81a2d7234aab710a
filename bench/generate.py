"""A deterministic synthetic collection in the real input formats, for benchmarks.

``generate(n, out_dir, seed)`` writes ``n`` documents, each in Chinese and English, into
``out_dir/resolutions/<slug>/{zh.txt,en.txt,meta.yml}``:

* ``zh.txt`` in the interleaved format of the first document (an empty line after every
  line, hard wraps inside words, a space ending each paragraph, footnotes under
  ``__________________`` at the foot of each page followed by the printed link URLs,
  spaces between Chinese and digits, bare-digit footnote markers);
* ``en.txt`` in the ``pdftotext -layout`` format (masthead, running headers, job numbers,
  barcodes, page numbers, form feeds, indentation, footnotes under a separator with the
  number on its own line, markers glued to words or spaced).

The collection is made of families on agenda items that recur from session to session: a
draft resolution (``A/C.1/79/L.12``, or ``A/79/L.5`` in plenary), sometimes its revision
(``…/Rev.1``) and the resolution adopted from it (``A/RES/79/80``). Resolutions recall the
earlier resolutions on the same item (which are in the collection), cite treaties of
``build_tools/data/treaties.yml`` with Treaty Series footnotes, and reports by symbol.
Sponsors come from ``build_tools/data/member_states.yml``.

Everything comes from a seeded RNG and the phrase tables in :mod:`bench.phrases`: the same
``(n, seed)`` gives the same bytes on every machine, and ``generate(100)`` is a prefix of
``generate(1000)`` family by family for the sessions both contain.
"""

from __future__ import annotations

import argparse
import datetime
import math
import random
import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml

from bench import phrases as P
from bench.planned import MONTHS, Doc, Note, Para, Topic
from bench.render_en import render_en
from bench.render_zh import render_zh
from build_tools.numerals import to_en_ordinal, to_zh

DATA = Path(__file__).resolve().parent.parent / "build_tools" / "data"
LAST_SESSION = 80


# --------------------------------------------------------------------------- the plan


def _load_states() -> list[tuple[str, str]]:
    rows = yaml.safe_load((DATA / "member_states.yml").read_text(encoding="utf-8"))
    return [(row["zh"], row["en"]) for row in rows]


def _load_treaties() -> list[tuple[str, str, int, int]]:
    rows = yaml.safe_load((DATA / "treaties.yml").read_text(encoding="utf-8"))
    return [
        (" ".join(row["zh"].split()), " ".join(row["en"].split()), row["unts"]["volume"], row["unts"]["number"])
        for row in rows if row.get("unts")
    ]


def _topics(count: int, rng: random.Random) -> list[Topic]:
    subjects = list(range(len(P.SUBJECTS)))
    rng.shuffle(subjects)
    used: set[tuple[int, int, int]] = set()
    items = rng.sample(range(10, 10 + max(200, count * 2)), count)
    topics = []
    for index in range(count):
        subject = subjects[index % len(subjects)]
        while True:
            action, context = rng.randrange(len(P.ACTIONS)), rng.randrange(len(P.CONTEXTS))
            if (subject, action, context) not in used or len(used) >= len(P.SUBJECTS) * 30:
                break
        used.add((subject, action, context))
        s_zh, s_en, committee = P.SUBJECTS[subject]
        a_zh, a_en = P.ACTIONS[action]
        c_zh, c_en = P.CONTEXTS[context]
        title = (f"{c_zh}{a_zh}{s_zh}", f"{a_en} {s_en} {c_en}".strip())
        topics.append(Topic(index, title, (s_zh, s_en), committee, items[index]))
    return topics


def _family_shape(seed: int, session: int, topic: Topic) -> tuple[str, ...]:
    """Which documents a family has: decided by (seed, session, topic) alone."""
    roll = random.Random(f"{seed}:{session}:{topic.index}:shape").random()
    if topic.committee is None and roll < 0.5:
        return ("resolution",)
    if roll < 0.40:
        return ("draft-resolution", "revised-draft-resolution", "resolution")
    if roll < 0.93:
        return ("draft-resolution", "resolution")
    return ("draft-resolution",)


def plan(n: int, seed: int = 0) -> list[Doc]:
    """The documents of the collection, oldest session first, exactly ``n`` of them."""
    rng = random.Random(f"{seed}:topics")
    topic_count = max(4, min(len(P.SUBJECTS) * 6, math.ceil(math.sqrt(n) * 1.3)))
    topics = _topics(topic_count, rng)
    sessions = 1
    while sum(len(_family_shape(seed, s, t)) for s in range(LAST_SESSION - sessions + 1, LAST_SESSION + 1)
              for t in topics) < n:
        sessions += 1
    states = _load_states()
    treaties = _load_treaties()
    docs: list[Doc] = []
    history: dict[int, list[Doc]] = {}  # topic index → its resolutions, oldest first
    previous_session: list[Doc] = []
    for session in range(LAST_SESSION - sessions + 1, LAST_SESSION + 1):
        counters: dict[str, int] = {}
        resolutions: list[Doc] = []
        for topic in topics:
            family = _family(seed, session, topic, _family_shape(seed, session, topic), counters,
                             history.get(topic.index, []), previous_session, states, treaties)
            docs += family
            resolutions += [d for d in family if d.kind == "resolution"]
            for doc in family:
                if doc.kind == "resolution":
                    history.setdefault(topic.index, []).append(doc)
        previous_session = resolutions
    return docs[:n]


def _next(counters: dict[str, int], key: str, start: int = 1) -> int:
    counters[key] = counters.get(key, start - 1) + 1
    return counters[key]


def _date(year: int, month: int, day: int, plus: int = 0) -> datetime.date:
    return datetime.date(year, month, day) + datetime.timedelta(days=plus)


def _family(
    seed: int, session: int, topic: Topic, shape: tuple[str, ...], counters: dict[str, int],
    earlier: list[Doc], previous_session: list[Doc], states: list[tuple[str, str]],
    treaties: list[tuple[str, str, int, int]],
) -> list[Doc]:
    rng = random.Random(f"{seed}:{session}:{topic.index}:family")
    year = 1945 + session
    committee = topic.committee
    if committee:
        number = _next(counters, f"L.{committee}", 8)
        draft_symbol = f"A/C.{P.COMMITTEE_NUMBER[committee]}/{session}/L.{number}"
    else:
        draft_symbol = f"A/{session}/L.{_next(counters, 'L.plenary', 3)}"
    sponsor_count = min(len(states), max(1, int(rng.expovariate(1 / 14))))
    sponsor_ids = sorted(rng.sample(range(len(states)), sponsor_count))
    paragraphs = _text(rng, session, topic, earlier, previous_session, treaties)
    draft_date = _date(year, 10, rng.randint(10, 28)) if committee else _date(year, 11, rng.randint(10, 20))
    docs: list[Doc] = []
    for kind in shape:
        if kind == "draft-resolution":
            docs.append(Doc(draft_symbol, kind, session, topic, draft_date,
                            [states[i] for i in sponsor_ids], list(paragraphs)))
        elif kind == "revised-draft-resolution":
            extra = rng.sample([i for i in range(len(states)) if i not in sponsor_ids], rng.randint(1, 6))
            sponsor_ids = sorted(sponsor_ids + extra)
            paragraphs = _revise(rng, paragraphs, topic)
            docs.append(Doc(f"{draft_symbol}/Rev.1", kind, session, topic,
                            draft_date + datetime.timedelta(days=rng.randint(3, 9)),
                            [states[i] for i in sponsor_ids], list(paragraphs)))
        else:
            number = _next(counters, "RES", rng.randint(1, 3))
            adopted = _date(year, 12, rng.randint(10, 22))
            report = None
            if committee:
                serial = _next(counters, "report." + committee) % 10
                report = f"A/{session}/{400 + 10 * P.COMMITTEE_NUMBER[committee] + serial}"
            docs.append(Doc(
                f"A/RES/{session}/{number}", kind, session, topic, adopted + datetime.timedelta(days=rng.randint(3, 9)),
                [], list(paragraphs), adopted=adopted, res_number=f"{session}/{number}", report=report,
                report_para=rng.randint(7, 24), draft_symbol=draft_symbol, meeting=rng.randint(40, 70),
            ))
    for doc in docs:
        doc.job = f"{doc.date.year % 100:02d}-{rng.randint(10000, 99999)}"
    return docs


def _series(items: list[str], separator: str, last: str) -> str:
    """``a, b and c`` / ``a、b和c``; two items are joined by ``last`` alone."""
    return last.join(items) if len(items) <= 2 else separator.join(items[:-1]) + last + items[-1]


def _ref_pair(doc: Doc) -> tuple[str, str]:
    date = doc.adopted or doc.date
    return (f"{date.year}年{date.month}月{date.day}日第{doc.res_number}号",
            f"{doc.res_number} of {date.day} {MONTHS[date.month - 1]} {date.year}")


def _text(
    rng: random.Random, session: int, topic: Topic, earlier: list[Doc], previous_session: list[Doc],
    treaties: list[tuple[str, str, int, int]],
) -> list[Para]:
    """The paragraphs of a family's text (every member of the family starts from these)."""
    subject = topic.subject
    preamble: list[Para] = []
    if earlier:
        recalled = earlier[-rng.randint(1, min(3, len(earlier))):]
        refs = [_ref_pair(d) for d in recalled]
        zh = _series([r[0] for r in refs], "、", "和")
        en = _series([r[1] for r in refs], ", ", " and ")
        word = "resolutions" if len(refs) > 1 else "resolution"
        preamble.append(Para("pp", [(f"回顾其{zh}决议，", f"Recalling its {word} {en},")],
                             urls=[f"A/RES/{d.res_number}" for d in recalled]))
    others = [d for d in previous_session if d.topic.index != topic.index]
    if others and rng.random() < 0.5:
        other = rng.choice(others)
        zh, en = _ref_pair(other)
        date = zh.split("第")[0]
        preamble.append(Para("pp", [(f"又回顾其{date}题为“{other.topic.title[0]}”的第{other.res_number}号决议，",
                                     f"Recalling also its resolution {en}, entitled “{other.topic.title[1]}”,")],
                             urls=[f"A/RES/{other.res_number}"]))
    for treaty in rng.sample(treaties, rng.choice((0, 1, 1, 2, 3))):
        t_zh, t_en, volume, number = treaty
        note = Note(unts=(volume, number))
        if rng.random() < 0.5:
            pieces: list[tuple[str, str] | Note] = [
                (f"强调《{t_zh}》", f"Stressing the importance of the {t_en}"), note,
                ("对于国际法律框架的重要性，", " for the international legal framework,"),
            ]
        else:
            pieces = [(f"铭记《{t_zh}》", f"Bearing in mind the provisions of the {t_en},"), note,
                      ("的各项规定以及联合国相关决议，", " as well as relevant United Nations resolutions,")]
        preamble.append(Para("pp", pieces))
    for _ in range(rng.randint(4, 16)):
        preamble.append(_preambular(rng, subject))
    if rng.random() < 0.6:
        report = f"A/{session - 1}/{rng.randint(100, 399)}"
        preamble.insert(min(len(preamble), rng.randint(1, 4)), Para("pp", [
            (f"注意到秘书长关于{subject[0]}的报告",
             f"Taking note of the report of the Secretary-General on {subject[1]}"),
            Note(symbol=report),
            ("以及其中所载的建议，", " and the recommendations contained therein,"),
        ], urls=[report]))
    operative = [_operative(rng, subject) for _ in range(rng.randint(3, 14))]
    if rng.random() < 0.4:
        at = rng.randrange(len(operative))
        intro = rng.choice(P.SUB_INTRO)
        items = rng.sample(P.SUB_ITEMS, rng.randint(2, 5))
        subs = [Para("sub", [(f"({chr(97 + i)}) " + z.format(s=subject[0]) + "；",
                              f"({chr(97 + i)}) " + e.format(s=subject[1]) + ";")])
                for i, (z, e) in enumerate(items)]
        operative[at:at + 1] = [Para("op", [(intro[0] + "：", intro[1] + ":")]), *subs]
    next_zh, next_en = to_zh(session + 1), to_en_ordinal(session + 1).lower()
    operative.append(Para("op", [(f"请秘书长向大会第{next_zh}届会议提交一份关于本决议执行情况的报告；",
                                  f"Requests the Secretary-General to submit to the General Assembly at its "
                                  f"{next_en} session a report on the implementation of the present resolution;")]))
    operative.append(Para("op", [(f"决定将题为“{topic.title[0]}”的项目列入大会第{next_zh}届会议临时议程。",
                                  f"Decides to include in the provisional agenda of its {next_en} session the item "
                                  f"entitled “{topic.title[1]}”.")]))
    return preamble + operative


def _extend(rng: random.Random, zh: str, en: str) -> tuple[str, str]:
    if rng.random() < 0.45:
        ext = rng.choice(P.EXTENSIONS)
        return f"{zh}，{ext[0]}", f"{en}, {ext[1]}"
    return zh, en


def _preambular(rng: random.Random, subject: tuple[str, str]) -> Para:
    if rng.random() < 0.55:
        o_zh, o_en = rng.choice(P.THAT_OPENINGS)
        clauses = rng.sample(P.THAT_CLAUSES, rng.choice((1, 1, 2)))
        zh = "，并且".join(c[0].format(s=subject[0]) for c in clauses)
        en = ", and that ".join(c[1].format(s=subject[1]) for c in clauses)
        zh, en = _extend(rng, zh, en)
        return Para("pp", [(f"{o_zh}{zh}，", f"{o_en} that {en},")])
    o_zh, o_en = rng.choice(P.NP_OPENINGS)
    clauses = rng.sample(P.NP_CLAUSES, rng.choice((1, 1, 2)))
    zh = "以及".join(c[0].format(s=subject[0]) for c in clauses)
    en = ", as well as ".join(c[1].format(s=subject[1]) for c in clauses)
    zh, en = _extend(rng, zh, en)
    return Para("pp", [(f"{o_zh}{zh}，", f"{o_en} {en},")])


def _operative(rng: random.Random, subject: tuple[str, str]) -> Para:
    zh, en = rng.choice(P.OPERATIVE)
    zh, en = _extend(rng, zh.format(s=subject[0]), en.format(s=subject[1]))
    if rng.random() < 0.3:
        zh2, en2 = rng.choice([x for x in P.EXTENSIONS if x[1] not in en])
        zh, en = f"{zh}，{zh2}", f"{en}, {en2}"
    return Para("op", [(f"{zh}；", f"{en};")])


def _revise(rng: random.Random, paragraphs: list[Para], topic: Topic) -> list[Para]:
    """A revision: one preambular paragraph more, one operative paragraph reworded."""
    revised = list(paragraphs)
    first_op = next(i for i, p in enumerate(revised) if p.kind != "pp")
    revised.insert(rng.randint(1, first_op), _preambular(rng, topic.subject))
    ops = [i for i, p in enumerate(revised) if p.kind == "op"][:-2]
    if ops:
        revised[rng.choice(ops)] = _operative(rng, topic.subject)
    return revised


# --------------------------------------------------------------------------- output


def write_document(doc: Doc, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zh.txt").write_text(render_zh(doc), encoding="utf-8")
    (folder / "en.txt").write_text(render_en(doc), encoding="utf-8")
    meta = [
        "# Generated by bench/generate.py (synthetic benchmark data, not a real document).",
        f"symbol: {doc.symbol}",
        f"kind: {doc.kind}",
        *([f"date: {doc.date.isoformat()}"] if doc.kind != "resolution" else []),
        "languages:",
        "  zh: official",
        "  en: official",
        "",
    ]
    (folder / "meta.yml").write_text("\n".join(meta), encoding="utf-8")


def generate(n: int, out_dir: Path, seed: int = 0) -> None:
    """Write ``n`` documents per language into ``out_dir/resolutions/<slug>/``.

    An existing ``out_dir/resolutions`` is replaced.
    """
    target = Path(out_dir) / "resolutions"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for doc in plan(n, seed):
        write_document(doc, target / doc.slug)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="documents per language")
    parser.add_argument("out_dir", type=Path, help="content folder to write (…/resolutions/<slug>/)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate(args.n, args.out_dir, args.seed)


if __name__ == "__main__":
    main()
