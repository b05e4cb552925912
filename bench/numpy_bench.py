"""Time NumPy formulas on inputs that bench/run.R wrote, and print CSV.

The manifest is a CSV file with one row per input variable and the columns
case, n, variable, path, dim and expression. Each path is a file of
little-endian doubles that R wrote with writeBin(). dim is empty for a
vector, or the R dim as whole numbers separated by spaces, and the values are
in R's column-major order. expression contains Python statements separated by
";" or newlines, and its last statement gives the result.

Prints one CSV row per case and n to standard output, with the columns case,
n, median_seconds and repeats.
"""

import argparse
import ast
import csv
import statistics
import sys
import textwrap
import time

import numpy as np


def read_manifest(path):
    """Group the manifest's rows by case and n, keeping the file's order."""
    jobs = {}
    with open(path, newline="") as manifest:
        for row in csv.DictReader(manifest):
            key = (row["case"], row["n"])
            job = jobs.setdefault(
                key, {"expression": row["expression"], "inputs": []}
            )
            job["inputs"].append(row)
    return jobs


def read_input(row):
    values = np.fromfile(row["path"], dtype="<f8")
    if row["dim"]:
        shape = [int(extent) for extent in row["dim"].split()]
        values = values.reshape(shape, order="F")
    return values


def compile_kernel(expression, variables):
    """Compile the expression into a function of the input variables.

    A function call is what bench::mark() times on the R side too, and a
    function reads its variables as fast locals.
    """
    statements = ast.parse(expression).body
    if not statements or not isinstance(statements[-1], ast.Expr):
        raise ValueError(
            f"expression must end with an expression that gives the "
            f"result, not {expression!r}"
        )
    lines = [ast.get_source_segment(expression, s) for s in statements]
    lines[-1] = "return " + lines[-1]
    source = "def kernel({}):\n{}".format(
        ", ".join(variables),
        "".join(textwrap.indent(line, "    ") + "\n" for line in lines),
    )
    namespace = {"np": np}
    exec(compile(source, "<numpy expression>", "exec"), namespace)
    return namespace["kernel"]


def time_kernel(kernel, args, min_time, min_repeats, max_repeats):
    """Time single calls until min_time seconds and min_repeats calls.

    Stops after max_repeats calls even when min_time is not reached. Returns
    the median time of one call in seconds and the number of calls timed.
    """
    # The first call is left out, as bench/measure.R leaves out the first
    # call of each R expression.
    kernel(*args)
    times = []
    total = 0.0
    while len(times) < max_repeats and (
        len(times) < min_repeats or total < min_time
    ):
        start = time.perf_counter()
        kernel(*args)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        total += elapsed
    return statistics.median(times), len(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", help="path of the manifest CSV file")
    parser.add_argument(
        "--min-time",
        type=float,
        default=0.3,
        help="minimum total time of the timed calls per case, in seconds",
    )
    parser.add_argument(
        "--min-repeats",
        type=int,
        default=5,
        help="minimum number of timed calls per case",
    )
    parser.add_argument(
        "--max-repeats",
        type=int,
        default=100000,
        help="maximum number of timed calls per case",
    )
    options = parser.parse_args()

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case", "n", "median_seconds", "repeats"])
    for (case, n), job in read_manifest(options.manifest).items():
        variables = [row["variable"] for row in job["inputs"]]
        args = [read_input(row) for row in job["inputs"]]
        kernel = compile_kernel(job["expression"], variables)
        median, repeats = time_kernel(
            kernel,
            args,
            options.min_time,
            options.min_repeats,
            options.max_repeats,
        )
        writer.writerow([case, n, repr(median), repeats])


if __name__ == "__main__":
    main()
