#!/usr/bin/env python3
"""Inter-annotator agreement between two gold passes (gold_first vs gold_second).

Read-only on all JSON inputs. Writes AGREEMENT.md next to this script.
Rerun from the repository root:  python3 corpus/agreement/agreement.py
"""
import collections
import json
import os
import re
from decimal import Decimal, InvalidOperation

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # corpus/
FIRST = os.path.join(BASE, "gold")
SECOND = os.path.join(BASE, "agreement", "second_pass")
TEXTS = BASE
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "AGREEMENT.md")

DOCS = ["gum_news_iodine", "gum_news_election", "gum_news_defector", "gum_news_soccer",
        "gum_news_ie9", "gum_news_hackers", "gum_news_stampede", "gum_news_taxes"]
LABELS = ["PERSON", "ORG", "PRODUCT", "DATE", "TIME", "DURATION", "SET", "MONEY"]
TEMPORAL = {"DATE", "TIME", "DURATION", "SET"}

# disagreement patterns: key -> list of example snippets (count = len)
PATTERNS = collections.defaultdict(list)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def f1(b, a, c):
    d = 2 * b + a + c
    return 2 * b / d if d else float("nan")


def fmt_f1(x):
    return "–" if x != x else f"{x:.3f}"


def pct(n, d):
    return "–" if d == 0 else f"{100 * n / d:.1f}% ({n}/{d})"


def snippet(text, start, end, max_words=8):
    """At most max_words words around text[start:end], the item in [brackets]."""
    item = text[start:end].split()
    if len(item) >= max_words:
        return "[" + " ".join(item[:max_words]) + "]"
    left = text[max(0, start - 120):start].split()
    right = text[end:end + 120].split()
    # a word cut by the window edge is dropped
    if start - 120 > 0 and left:
        left = left[1:]
    if end + 120 < len(text) and right:
        right = right[:-1]
    # words attached to the item (no whitespace between) stay attached
    pre = "" if start == 0 or text[start - 1].isspace() or not left else left.pop()
    post = "" if end >= len(text) or text[end].isspace() or not right else right.pop(0)
    budget = max_words - len(item)
    nl = min(len(left), budget // 2)
    nr = min(len(right), budget - nl)
    nl = min(len(left), budget - nr)
    core = pre + "[" + text[start:end] + "]" + post
    words = left[len(left) - nl:] + [core] + right[:nr]
    s = " ".join(words)
    s = re.sub(r"\s+", " ", s).replace("|", "/")
    return "“" + s + "”"


def is_opt(r):
    return bool(r.get("optional"))


# ---------------------------------------------------------------- spans
def match_spans(sf, ss):
    """Strict: same start/end/label. Returns list of (i, j) pairs."""
    idx = {(s["start"], s["end"], s["label"]): j for j, s in enumerate(ss)}
    pairs = []
    for i, s in enumerate(sf):
        j = idx.get((s["start"], s["end"], s["label"]))
        if j is not None:
            pairs.append((i, j))
    return pairs


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def relaxed_pairs(items_f, items_s, key_f, key_s, same=lambda a, b: True):
    """One-to-one overlap matching: exact offsets first, then greedy by overlap size."""
    cands = []
    for i, a in enumerate(items_f):
        a0, a1 = key_f(a)
        for j, b in enumerate(items_s):
            if not same(a, b):
                continue
            b0, b1 = key_s(b)
            ov = overlap(a0, a1, b0, b1)
            if ov > 0:
                exact = (a0, a1) == (b0, b1)
                cands.append((not exact, -ov, abs(a0 - b0) + abs(a1 - b1), i, j))
    cands.sort()
    used_f, used_s, pairs = set(), set(), []
    for _, _, _, i, j in cands:
        if i in used_f or j in used_s:
            continue
        used_f.add(i)
        used_s.add(j)
        pairs.append((i, j))
    return pairs


OPT_DROPPED = collections.Counter()


def count_matching(nf, ns, pairs, opt_f, opt_s, kind=None):
    """Apply the optional rule. Returns (both, first_only, second_only, kept_pairs,
    unmatched_f_idx, unmatched_s_idx) with optional items removed."""
    mf = {i for i, _ in pairs}
    ms = {j for _, j in pairs}
    kept = [(i, j) for i, j in pairs if not (opt_f[i] or opt_s[j])]
    uf = [i for i in range(nf) if i not in mf and not opt_f[i]]
    us = [j for j in range(ns) if j not in ms and not opt_s[j]]
    if kind:
        OPT_DROPPED[(kind, "matched")] += len(pairs) - len(kept)
        OPT_DROPPED[(kind, "unmatched")] += sum(1 for i in range(nf) if i not in mf and opt_f[i]) + \
            sum(1 for j in range(ns) if j not in ms and opt_s[j])
    return len(kept), len(uf), len(us), kept, uf, us


def span_agreement(data):
    strict = {l: [0, 0, 0] for l in LABELS}
    relaxed = {l: [0, 0, 0] for l in LABELS}
    value = {l: [0, 0] for l in LABELS}
    for doc, (jf, js, text) in data.items():
        sf, ss = jf["spans"], js["spans"]
        of = [is_opt(s) for s in sf]
        os_ = [is_opt(s) for s in ss]
        for lab in LABELS:
            fi = [i for i, s in enumerate(sf) if s["label"] == lab]
            si = [j for j, s in enumerate(ss) if s["label"] == lab]
            A = [sf[i] for i in fi]
            B = [ss[j] for j in si]
            oa = [of[i] for i in fi]
            ob = [os_[j] for j in si]
            p = match_spans(A, B)
            b, a, c, kept, _, _ = count_matching(len(A), len(B), p, oa, ob, kind='spans')
            strict[lab][0] += b
            strict[lab][1] += a
            strict[lab][2] += c
            for i, j in kept:
                if lab in TEMPORAL:
                    value[lab][1] += 1
                    if A[i]["value"] == B[j]["value"]:
                        value[lab][0] += 1
                    else:
                        PATTERNS[(f"{lab} value differs (first → second)", lab)].append(
                            f"{snippet(text, A[i]['start'], A[i]['end'])}: "
                            f"`{A[i]['value']}` → `{B[j]['value']}`")
            rp = relaxed_pairs(A, B, lambda s: (s["start"], s["end"]), lambda s: (s["start"], s["end"]))
            b, a, c, kept_r, uf, us = count_matching(len(A), len(B), rp, oa, ob)
            relaxed[lab][0] += b
            relaxed[lab][1] += a
            relaxed[lab][2] += c
            for i, j in kept_r:
                if (A[i]["start"], A[i]["end"]) != (B[j]["start"], B[j]["end"]):
                    PATTERNS[(f"{lab} boundary differs (first vs second)", lab)].append(
                        f"“{A[i]['text']}” vs “{B[j]['text']}”")
        # unmatched (relaxed, any label) -> label confusion or one-annotator-only
        rp_any = relaxed_pairs(sf, ss, lambda s: (s["start"], s["end"]), lambda s: (s["start"], s["end"]),
                               same=lambda a, b: a["label"] == b["label"])
        mf = {i for i, _ in rp_any}
        ms = {j for _, j in rp_any}
        rest_f = [i for i in range(len(sf)) if i not in mf]
        rest_s = [j for j in range(len(ss)) if j not in ms]
        conf = relaxed_pairs([sf[i] for i in rest_f], [ss[j] for j in rest_s],
                             lambda s: (s["start"], s["end"]), lambda s: (s["start"], s["end"]))
        cf = set()
        cs = set()
        for a, b in conf:
            i, j = rest_f[a], rest_s[b]
            if of[i] or os_[j]:
                cf.add(i)
                cs.add(j)
                continue
            cf.add(i)
            cs.add(j)
            la, lb = sf[i]["label"], ss[j]["label"]
            ex = snippet(text, sf[i]["start"], sf[i]["end"])
            if (sf[i]["start"], sf[i]["end"]) != (ss[j]["start"], ss[j]["end"]):
                ex += f" vs “{ss[j]['text']}”"
            PATTERNS[(f"span label: first {la} vs second {lb}", "label")].append(ex)
        for i in rest_f:
            if i not in cf and not of[i]:
                PATTERNS[(f"{sf[i]['label']} span only in first pass", "only")].append(
                    snippet(text, sf[i]["start"], sf[i]["end"]))
        for j in rest_s:
            if j not in cs and not os_[j]:
                PATTERNS[(f"{ss[j]['label']} span only in second pass", "only")].append(
                    snippet(text, ss[j]["start"], ss[j]["end"]))
    return strict, relaxed, value


# ---------------------------------------------------------------- records
def norm(s):
    return re.sub(r"\s+", " ", (s or "").strip()).lower()


def rec_match(a, b):
    na, nb = norm(a["name"]), norm(b["name"])
    if na == nb:
        return True
    if na in {norm(x) for x in b.get("aliases", [])}:
        return True
    if nb in {norm(x) for x in a.get("aliases", [])}:
        return True
    return False


def one_to_one(A, B, pred):
    """Exact-name pairs first, then alias pairs; greedy one-to-one."""
    pairs, uf, us = [], set(), set()
    for exact_pass in (True, False):
        for i, a in enumerate(A):
            if i in uf:
                continue
            for j, b in enumerate(B):
                if j in us:
                    continue
                ok = (norm(a["name"]) == norm(b["name"])) if exact_pass else pred(a, b)
                if ok:
                    pairs.append((i, j))
                    uf.add(i)
                    us.add(j)
                    break
    return pairs


def amount_key(m):
    try:
        amt = Decimal(str(m.get("amount", "")).replace(",", "")).normalize()
    except InvalidOperation:
        amt = str(m.get("amount"))
    return (str(amt), (m.get("currency") or "").upper())


def record_agreement(data):
    res = {}
    for kind in ("people", "organisations", "money"):
        tot = [0, 0, 0]
        for doc, (jf, js, text) in data.items():
            A, B = jf.get(kind, []), js.get(kind, [])
            if kind == "money":
                pairs = one_to_one(A, B, None) if False else []
                used = set()
                for i, a in enumerate(A):
                    for j, b in enumerate(B):
                        if j not in used and amount_key(a) == amount_key(b):
                            pairs.append((i, j))
                            used.add(j)
                            break
            else:
                pairs = one_to_one(A, B, rec_match)
            b, a, c, kept, uf, us = count_matching(len(A), len(B), pairs,
                                                   [is_opt(x) for x in A], [is_opt(x) for x in B], kind=kind)
            tot[0] += b
            tot[1] += a
            tot[2] += c
            lbl = {"people": "person", "organisations": "organisation", "money": "money"}[kind]
            for i in uf:
                name = A[i]["name"] if kind != "money" else f"{A[i].get('text')} ({'/'.join(amount_key(A[i]))})"
                PATTERNS[(f"{lbl} record only in first pass", "rec")].append(f"`{name}` ({doc[9:]})")
            for j in us:
                name = B[j]["name"] if kind != "money" else f"{B[j].get('text')} ({'/'.join(amount_key(B[j]))})"
                PATTERNS[(f"{lbl} record only in second pass", "rec")].append(f"`{name}` ({doc[9:]})")
        res[kind] = tot
    return res


# ---------------------------------------------------------------- events
def group_events(evs):
    g = collections.OrderedDict()
    for e in evs:
        g.setdefault((e["trigger_start"], e["trigger_end"]), []).append(e)
    return list(g.items())


def eattr(recs, name):
    if name == "modality":
        return frozenset((r.get("modality") or "asserted") for r in recs)
    if name == "participants":
        s = set()
        for r in recs:
            for k in ("people", "organisations", "products"):
                s |= {norm(x) for x in (r.get(k) or [])}
        return frozenset(s)
    return frozenset((r.get(name) if r.get(name) is not None else "") for r in recs)


def show(v):
    v = sorted(v)
    if not v:
        return "∅"
    return "/".join(x if x != "" else "\"\"" for x in v)


EV_ATTRS = ["class", "event_type", "date_source", "date", "status", "modality", "participants"]


def event_agreement(data):
    strict = [0, 0, 0]
    relaxed = [0, 0, 0]
    attr = {a: [0, 0] for a in EV_ATTRS}
    attr_rel = {a: [0, 0] for a in EV_ATTRS}
    for doc, (jf, js, text) in data.items():
        GF, GS = group_events(jf["events"]), group_events(js["events"])
        of = [any(is_opt(r) for r in recs) for _, recs in GF]
        os_ = [any(is_opt(r) for r in recs) for _, recs in GS]
        idx = {k: j for j, (k, _) in enumerate(GS)}
        sp = [(i, idx[k]) for i, (k, _) in enumerate(GF) if k in idx]
        b, a, c, kept, _, _ = count_matching(len(GF), len(GS), sp, of, os_, kind='events')
        strict[0] += b
        strict[1] += a
        strict[2] += c
        for i, j in kept:
            (s0, s1), rf = GF[i]
            rs = GS[j][1]
            ds_differs = eattr(rf, "date_source") != eattr(rs, "date_source")
            for at in EV_ATTRS:
                va, vb = eattr(rf, at), eattr(rs, at)
                attr[at][1] += 1
                if va == vb:
                    attr[at][0] += 1
                    continue
                ex = snippet(text, s0, s1)
                if at == "participants":
                    if va < vb:
                        kind = "second adds participant(s)"
                    elif vb < va:
                        kind = "first adds participant(s)"
                    else:
                        kind = "different participants"
                    PATTERNS[(f"event participants: {kind}", "ev")].append(
                        f"{ex}: {{{', '.join(sorted(va)) or '∅'}}} vs {{{', '.join(sorted(vb)) or '∅'}}}")
                elif at == "date":
                    # a date difference that comes with a date_source difference is reported
                    # under the date_source pattern (same disagreement, counted once there)
                    if not ds_differs:
                        PATTERNS[("event date differs (same date_source)", "ev")].append(
                            f"{ex}: `{show(va)}` → `{show(vb)}`")
                elif at == "date_source":
                    da, db = eattr(rf, "date"), eattr(rs, "date")
                    PATTERNS[(f"event date_source: first {show(va)} vs second {show(vb)}", "ev")].append(
                        ex + ("" if da == db else f": `{show(da)}` → `{show(db)}`"))
                else:
                    PATTERNS[(f"event {at}: first {show(va)} vs second {show(vb)}", "ev")].append(ex)
        rp = relaxed_pairs(GF, GS, lambda g: g[0], lambda g: g[0])
        b, a, c, kept_r, uf, us = count_matching(len(GF), len(GS), rp, of, os_)
        relaxed[0] += b
        relaxed[1] += a
        relaxed[2] += c
        for i, j in kept_r:
            for at in EV_ATTRS:
                attr_rel[at][1] += 1
                attr_rel[at][0] += eattr(GF[i][1], at) == eattr(GS[j][1], at)
            if GF[i][0] != GS[j][0]:
                PATTERNS[("event trigger extent differs", "ev")].append(
                    f"“{GF[i][1][0]['trigger']}” vs “{GS[j][1][0]['trigger']}”")
        for i in uf:
            (s0, s1), recs = GF[i]
            PATTERNS[(f"{recs[0].get('class') or '?'} event only in first pass", "evonly")].append(
                snippet(text, s0, s1))
        for j in us:
            (s0, s1), recs = GS[j]
            PATTERNS[(f"{recs[0].get('class') or '?'} event only in second pass", "evonly")].append(
                snippet(text, s0, s1))
    return strict, relaxed, attr, attr_rel


# ---------------------------------------------------------------- main
def main():
    data = collections.OrderedDict()
    for doc in DOCS:
        with open(os.path.join(TEXTS, doc + ".txt"), encoding="utf-8") as f:
            text = f.read()
        data[doc] = (load(os.path.join(FIRST, doc + ".json")), load(os.path.join(SECOND, doc + ".json")), text)

    s_strict, s_rel, s_val = span_agreement(data)
    recs = record_agreement(data)
    e_strict, e_rel, e_attr, e_attr_rel = event_agreement(data)

    L = []
    L.append("# Inter-annotator agreement: gold_first vs gold_second (8 GUM news articles)\n")
    L.append("Documents: " + ", ".join(f"`{d}`" for d in DOCS) + ".\n")
    L.append("Generated by `agreement.py` (same folder); rerun with `python3 agreement.py`.\n")

    L.append("## Spans\n")
    L.append("| label | both | first only | second only | strict F1 | relaxed F1 | value agreement |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0]
    rtot = [0, 0, 0]
    vtot = [0, 0]
    for lab in LABELS:
        b, a, c = s_strict[lab]
        rb, ra, rc = s_rel[lab]
        tot = [x + y for x, y in zip(tot, s_strict[lab])]
        rtot = [x + y for x, y in zip(rtot, s_rel[lab])]
        v = pct(*s_val[lab]) if lab in TEMPORAL else "n/a"
        if lab in TEMPORAL:
            vtot = [vtot[0] + s_val[lab][0], vtot[1] + s_val[lab][1]]
        L.append(f"| {lab} | {b} | {a} | {c} | {fmt_f1(f1(b, a, c))} | {fmt_f1(f1(rb, ra, rc))} | {v} |")
    L.append(f"| **all** | {tot[0]} | {tot[1]} | {tot[2]} | {fmt_f1(f1(*tot))} | {fmt_f1(f1(*rtot))} | "
             f"{pct(*vtot)} (temporal) |")
    L.append("\nRelaxed counts (overlap, same label, one-to-one): both / first only / second only = "
             + "; ".join(f"{lab} {s_rel[lab][0]}/{s_rel[lab][1]}/{s_rel[lab][2]}" for lab in LABELS) + ".\n")

    L.append("## Records\n")
    L.append("| record | both | first only | second only | F1 |")
    L.append("|---|---:|---:|---:|---:|")
    for kind, lab in (("people", "people (name / alias)"), ("organisations", "organisations (name / alias)"),
                      ("money", "money (amount, currency)")):
        b, a, c = recs[kind]
        L.append(f"| {lab} | {b} | {a} | {c} | {fmt_f1(f1(b, a, c))} |")
    L.append("")

    L.append("## Events\n")
    L.append("| measure | strict triggers (same offsets) | relaxed triggers (overlap) |")
    L.append("|---|---:|---:|")
    L.append(f"| both | {e_strict[0]} | {e_rel[0]} |")
    L.append(f"| first only | {e_strict[1]} | {e_rel[1]} |")
    L.append(f"| second only | {e_strict[2]} | {e_rel[2]} |")
    L.append(f"| trigger F1 | {fmt_f1(f1(*e_strict))} | {fmt_f1(f1(*e_rel))} |")
    names = {"class": "same class", "event_type": "same event_type", "date_source": "same date_source",
             "date": "same date", "status": "same status", "modality": "same modality (absent = asserted)",
             "participants": "same participants (people+organisations+products)"}
    for at in EV_ATTRS:
        L.append(f"| {names[at]} | {pct(*e_attr[at])} | {pct(*e_attr_rel[at])} |")
    L.append("")

    L.append("## Top 10 disagreement patterns\n")
    L.append("Counted over the same items as the tables (optional items excluded); "
             "examples are at most 8 words, the labelled item in [brackets].\n")
    ranked = sorted(PATTERNS.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
    for n, ((name, _), exs) in enumerate(ranked[:10], 1):
        L.append(f"{n}. **{name}** — {len(exs)}× — e.g. " + "; ".join(exs[:3]))
    L.append("")
    small = [(k, v) for k, v in ranked if k[1] in ("label", "only", "rec", "LABELS") or k[1] in LABELS]
    L.append("Span and record disagreements are few, so all of them are listed here (non-optional items only):\n")
    for (name, _), exs in small:
        L.append(f"- {name} ({len(exs)}): " + "; ".join(exs))
    if not small:
        L.append("- none")
    L.append("")
    L.append("<details><summary>All patterns with counts</summary>\n")
    for (name, _), exs in ranked:
        L.append(f"- {name}: {len(exs)}")
    L.append("\n</details>\n")

    L.append("Optional items left out (strict matching): " + "; ".join(
        f"{k}: {OPT_DROPPED[(k, 'matched')]} matched pairs, {OPT_DROPPED[(k, 'unmatched')]} unmatched items"
        for k in ("spans", "people", "organisations", "money", "events")) + ".\n")
    L.append("## Method\n")
    L.append(
        "Both passes were read as-is (no JSON file was changed) and all counts are summed over the 8 documents. "
        "**Optional rule:** an item marked `\"optional\": true` in either file is dropped when it is matched to an item of "
        "the other file, and an unmatched optional item counts neither as first-only nor as second-only; for events an "
        "offset group is optional when any of its records is. "
        "**Spans:** strict = same `start`, `end` and `label`; relaxed = same label and overlapping offsets, matched "
        "one-to-one (identical offsets first, then largest overlap); F1 = 2·both/(2·both+first only+second only). "
        "Value agreement is the share of strictly matched DATE/TIME/DURATION/SET spans with an identical `value` string "
        "(`value_end` and `mod` are not compared). "
        "**Records:** people and organisations are matched one-to-one, first on identical name (case-insensitive, "
        "whitespace-normalised), then on one record's name appearing among the other's `aliases`; money records are matched "
        "on (amount as a decimal number, currency). "
        "**Events:** records with the same `trigger_start`/`trigger_end` are grouped and counted once; strict = identical "
        "offsets, relaxed = overlapping offsets, one-to-one. Attribute agreement is computed on the matched groups by "
        "comparing the set of values over the group's records (so a dated list must carry the same set of dates); "
        "a missing `modality` counts as `asserted`; participants agree when the case-insensitive set of "
        "people+organisations+products names is equal (canonical-name differences therefore count as disagreement). "
        "The first attribute column uses strict trigger matches, the second relaxed ones. "
        "**Disagreement patterns:** every unmatched non-optional span is classed as a label confusion (it overlaps an "
        "unmatched span of another label in the other file) or as one-annotator-only, grouped by label; matched items add "
        "boundary, value and event-attribute differences keyed by the value pair; person/organisation/money records "
        "unmatched by name add record patterns; the 10 largest groups are listed. "
        "Strict and relaxed rows can differ through the optional rule: soccer's DURATION “two minutes” (second) is "
        "second-only under strict matching, but under relaxed matching it overlaps the first pass's optional "
        "“Just two minutes” and is dropped.")
    L.append("")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(L))
    print("\n".join(L))


if __name__ == "__main__":
    main()
