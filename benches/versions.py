#!/usr/bin/env python3
"""Scores the grouping of versions on a generated corpus, pair by pair.

usage: versions.py CORPUS_DIR ARCHIVE.sqlite

Each stored communiqué is matched to the articles of truth.jsonl it was read
from (file and position); two communiqués are a true pair when they report one
event, a predicted pair when they share a group. Prints precision and recall
of the predicted pairs, and how many twins (other events of a day, same words)
were hidden behind another event.
"""
import collections
import json
import os
import sqlite3
import sys

corpus, archive = sys.argv[1], sys.argv[2]
truth = {}
with open(os.path.join(corpus, "truth.jsonl")) as f:
    for line in f:
        t = json.loads(line)
        truth[(t["file"], t["order"])] = t["event"]

db = sqlite3.connect(archive)
event_of, group_of = {}, {}
for cid, group, file, position in db.execute(
    "SELECT c.id, c.group_id, s.file, s.position FROM communique c "
    "JOIN source s ON s.communique_id = c.id"
):
    key = (os.path.basename(file), position)
    if key in truth:
        event_of[cid] = truth[key]
        group_of[cid] = group


def pairs(members):
    n = len(members)
    return n * (n - 1) // 2


by_event = collections.defaultdict(list)
by_group = collections.defaultdict(list)
for cid, event in event_of.items():
    by_event[event].append(cid)
    by_group[group_of[cid]].append(cid)
true_pairs = sum(pairs(m) for m in by_event.values())
predicted = sum(pairs(m) for m in by_group.values())
right = 0
for members in by_group.values():
    per_event = collections.Counter(event_of[c] for c in members)
    right += sum(pairs([None] * k) for k in per_event.values())
hidden = sum(len(set(event_of[c] for c in m)) - 1 for m in by_group.values())
precision = right / predicted if predicted else 1.0
recall = right / true_pairs if true_pairs else 1.0
print(
    f"versions: {len(event_of)} communiqués, {len(by_event)} events; "
    f"pairs true {true_pairs}, predicted {predicted}, right {right}; "
    f"precision {precision:.3f} recall {recall:.3f}; "
    f"events hidden behind another {hidden}"
)
