#!/usr/bin/env python3
# Compares stagecast's report tables with the DuckDB reference of
# ../shared/bench, figure by figure, after `make bench` has written both:
#
#   scripts/check-reference.py REFERENCE_DIR STAGECAST_DIR
#
# Tables and keys: funnel.csv by (population, stage index), win_probability.csv
# by (grade, stage index), forecast.csv by (period, grade), range.csv by period.
# Every column both tables have is compared: text exactly, numbers within 1e-9
# relative, as ../shared/bench/compare.py does. Exits 1 on any difference.
import csv
import sys

TABLES = {
    "funnel.csv": ("population", "stage"),
    "win_probability.csv": ("grade", "stage"),
    "forecast.csv": ("period", "grade"),
    "range.csv": ("period",),
}
# Columns that name the same thing differently: the reference's stage is
# the index, stagecast's is the stage id with the index beside it.
STAGE_INDEX = {"stage": "stage_index"}
SKIPPED = {"stage_name"}


def rows(path, key, renames):
    with open(path, encoding="utf-8-sig") as handle:
        table = {}
        for row in csv.DictReader(handle):
            row = {renames.get(name, name): value for name, value in row.items()}
            table[tuple(row[name] for name in key)] = row
        return table


def same(left, right):
    if left == right:
        return True
    try:
        a, b = float(left), float(right)
    except ValueError:
        return False
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def main(reference_dir, stagecast_dir):
    compared = 0
    differences = []
    for name, key in TABLES.items():
        reference = rows(f"{reference_dir}/{name}", key, {})
        # stagecast's stage_index is the reference's stage; its stage id is dropped.
        ours = rows(
            f"{stagecast_dir}/{name}",
            key,
            {"stage": "stage_id", **{v: k for k, v in STAGE_INDEX.items()}},
        )
        for row_key, expected in reference.items():
            actual = ours.get(row_key)
            if actual is None:
                differences.append(f"{name} {row_key}: missing")
                continue
            for column, value in expected.items():
                if column in SKIPPED or column not in actual:
                    continue
                compared += 1
                if not same(value, actual[column]):
                    differences.append(
                        f"{name} {row_key} {column}: reference {value}, stagecast {actual[column]}"
                    )
    for line in differences[:20]:
        print(line)
    print(f"{stagecast_dir}: {compared} figures compared, {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__ or "usage: check-reference.py REFERENCE_DIR STAGECAST_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
