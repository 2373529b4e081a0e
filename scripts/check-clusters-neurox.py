#!/usr/bin/env python3
"""Compares `probe cluster` with NeuroX's procedure on the same store (needs numpy and scipy).

NeuroX interpretation/clustering.py create_correlation_clusters: np.corrcoef over the rows, nan_to_num, symmetrise,
diagonal 1, distance 1 - |r|, scipy linkage(method), fcluster(threshold, criterion="distance").

usage: scripts/check-clusters-neurox.py STORE CLUSTERS_DIR
The threshold, linkage and layers are read from CLUSTERS_DIR/clusters.json. Exit status 0 when the partitions agree.
"""
import json
import sys
import time

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

store, clusters = sys.argv[1], sys.argv[2]
ours = json.load(open(clusters + "/clusters.json"))
columns = sorted(i for g in ours["groups"] for i in g["member_ids"])
x = np.load(store + "/activations.npy", mmap_mode="r")[:, columns].astype(np.float64)
start = time.time()
corr = np.nan_to_num(np.corrcoef(x.T))
corr = (corr + corr.T) / 2
np.fill_diagonal(corr, 1)
tree = linkage(squareform(1 - np.abs(corr), checks=False), method=ours["linkage"])
labels = fcluster(tree, ours["threshold"], criterion="distance")
groups = {}
for position, label in enumerate(labels):
    groups.setdefault(label, []).append(columns[position])
theirs = sorted(tuple(g) for g in groups.values())
mine = sorted(tuple(g["member_ids"]) for g in ours["groups"])
print("neurox: %d groups in %.1f s; probe: %d groups; identical partitions: %s; groups in one only: %d"
      % (len(theirs), time.time() - start, len(mine), theirs == mine, len(set(theirs) ^ set(mine))))
sys.exit(0 if theirs == mine else 1)
