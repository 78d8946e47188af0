"""KhoDuLieu's night on Apache Spark: the same stages, the same bytes, many machines.

    spark-submit --master yarn --files kdl-extract,kdl-validate,kdl-normalize,kdl-bundle \\
        scripts/spark/kdl_spark.py --pipeline pipelines/nightly.json \\
        --inbox hdfs:///kho/inbox --out /srv/kho/out --as-of 2026-11-29

The unit of work is one unit's exports for one dataset. Each task copies them to a folder of its
own on its executor, with their modification times, and runs `kdl-extract`, `kdl-validate` and
`kdl-normalize` there with `--task`: arguments only, outputs written atomically, the same bytes
on every attempt, so a retried or speculative task is harmless. The driver gathers each task's
`work/<unit>/<dataset>/` into `--out` (a local folder, as for `kdl-run`) and runs `kdl-bundle`
there, which merges the units exactly as a local run does (carry-forward of units that sent
nothing, conflicts, once-only keys). Each normalized table is also written as CSV partitioned
`dataset=<id>/unit=<id>/` under `--tables` (any Hadoop-compatible URI; default <out>/tables).

Exit code: that of `kdl-bundle` (0, 65 when a gate withheld data or a task's data was blocked,
66 when no unit sent anything new); 70 when a stage failed on every attempt.
"""

import argparse
import grp
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

STAGES = ("kdl-extract", "kdl-validate", "kdl-normalize")
BINARIES = STAGES + ("kdl-bundle",)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="kdl_spark.py", description="Run KhoDuLieu's night on Spark.")
    parser.add_argument("--pipeline", default="pipelines/nightly.json", help="nightly.json, or the folder holding it (on the driver)")
    parser.add_argument("--inbox", required=True, help="the units' exports: a local path or a Hadoop-compatible URI (hdfs://, s3a://, file://)")
    parser.add_argument("--out", required=True, help="output folder on the driver, as for kdl-run --out")
    parser.add_argument("--as-of", required=True, dest="as_of", help="the night's date, YYYY-MM-DD, passed to every task")
    parser.add_argument("--tables", help="where the partitioned normalized CSV go (default <out>/tables)")
    parser.add_argument("--bin", help="folder holding the kdl-* binaries on every machine (default: shipped with --files, else PATH)")
    return parser.parse_args(argv)


def uri(path):
    """A path without a scheme is a local one: Spark would take it on the cluster's default file system."""
    return path if "://" in path or path.startswith("file:") else "file://" + os.path.abspath(path)


def pipeline_file(path):
    return os.path.join(path, "nightly.json") if os.path.isdir(path) else path


def read_configuration(pipeline):
    """The pipeline folder as bytes, for every task to write out again, and each selected unit's datasets."""
    folder = os.path.dirname(os.path.abspath(pipeline))
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                files[os.path.relpath(full, folder)] = handle.read()
    with open(pipeline, "rb") as handle:
        settings = json.loads(handle.read())
    selected = settings.get("units") or []
    units = {}
    for name in sorted(files):
        if os.path.dirname(name) == "units" and name.endswith(".json"):
            unit = json.loads(files[name])
            if not selected or unit["id"] in selected:
                units[unit["id"]] = sorted({source["dataset"] for source in unit.get("sources", [])})
    group = (settings.get("permissions") or {}).get("group")
    if group is not None:
        group = int(group) if str(group).isdigit() else grp.getgrnam(group).gr_gid
    return files, os.path.basename(pipeline), units, group


def binary(name, folder):
    """A kdl-* binary: from --bin, else shipped with --files (SparkFiles), else on PATH."""
    if folder:
        return os.path.join(folder, name)
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get(name)
        if os.path.isfile(shipped):
            # --files does not keep the execute bit.
            if not os.access(shipped, os.X_OK):
                os.chmod(shipped, os.stat(shipped).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return shipped
    except Exception:
        pass
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: give --bin, ship it with --files, or put it on PATH")
    return found


def run_pair(key, exports, configuration, pipeline_name, as_of, bin_folder, modified):
    """One task: a unit's exports for one dataset through the three stages in a folder of its own.
    Returns the work files by name, and each stage's exit code."""
    unit, dataset = key
    folder = tempfile.mkdtemp(prefix="kdl-task-")
    try:
        pipelines = os.path.join(folder, "pipelines")
        for name, content in configuration.items():
            path = os.path.join(pipelines, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
        inbox = os.path.join(folder, "inbox")
        os.makedirs(os.path.join(inbox, unit))
        for name, content in exports:
            path = os.path.join(inbox, unit, name)
            with open(path, "wb") as handle:
                handle.write(content)
            # The quiet period (a file still arriving is not read) needs the export's own time.
            seconds = modified[(unit, name)]
            os.utime(path, (seconds, seconds))
        out = os.path.join(folder, "out")
        codes = []
        for stage in STAGES:
            command = [binary(stage, bin_folder), "--task", "--pipeline", os.path.join(pipelines, pipeline_name),
                       "--unit", unit, "--dataset", dataset, "--as-of", as_of, "--out", out]
            if stage == "kdl-extract":
                command += ["--inbox", inbox]
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            codes.append(done.returncode)
            if stage == "kdl-extract" and done.returncode == 66:
                # Nothing of this dataset tonight: the unit's last files stay where they are.
                return key, {}, codes, ""
            if done.returncode not in (0, 65):
                # Spark retries the task elsewhere, then fails the job with this message.
                raise RuntimeError(f"{stage} {unit} {dataset} exited {done.returncode}: {done.stderr.decode('utf-8', 'replace')}")
            stderr = done.stderr.decode("utf-8", "replace")
        work = os.path.join(out, "work", unit, dataset)
        files = {}
        for name in sorted(os.listdir(work)):
            with open(os.path.join(work, name), "rb") as handle:
                files[name] = handle.read()
        return key, files, codes, stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Restricted:
    """Work files and tables hold personal data: as kdl-run writes them, for the owner and the
    configured group only (0750/0640), or the owner alone (0700/0600), set before a byte is written."""

    def __init__(self, group):
        self.group = group
        self.folder_mode, self.file_mode = (0o750, 0o640) if group is not None else (0o700, 0o600)

    def folders(self, path, top):
        missing = []
        while not os.path.isdir(path) and path != top:
            missing.append(path)
            path = os.path.dirname(path)
        for folder in reversed(missing):
            os.mkdir(folder, self.folder_mode)
            self.own(folder, self.folder_mode)

    def own(self, path, mode):
        os.chmod(path, mode)
        if self.group is not None:
            os.chown(path, -1, self.group)

    def write(self, path, content, top):
        """Written beside and renamed over: a reader never sees half a file, a rerun replaces it whole."""
        self.folders(os.path.dirname(path), top)
        temporary = f"{path}.tmp-{os.getpid()}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.file_mode)
        with os.fdopen(descriptor, "wb") as handle:
            self.own(temporary, self.file_mode)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)


def main(argv):
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(f"KhoDuLieu {arguments.as_of}").getOrCreate()
    context = spark.sparkContext
    jvm = context._jvm
    hadoop = context._jsc.hadoopConfiguration()
    Path = jvm.org.apache.hadoop.fs.Path

    pipeline = pipeline_file(arguments.pipeline)
    configuration, pipeline_name, units, group = read_configuration(pipeline)
    out = os.path.abspath(arguments.out)
    tables = uri(arguments.tables or os.path.join(out, "tables"))
    restricted = Restricted(group)
    if not os.path.isdir(out):
        # out/ itself must be passable, for others to reach open/.
        os.makedirs(out)
        os.chmod(out, 0o755)
    # Tables on a Hadoop file system get the same modes through its umask.
    hadoop.set("fs.permissions.umask-mode", "027" if group is not None else "077")

    # The inbox as listed once, at the start: each unit's files with their size and time.
    inbox = Path(uri(arguments.inbox))
    filesystem = inbox.getFileSystem(hadoop)
    paths, modified = [], {}
    for unit in units:
        folder = Path(inbox, unit)
        if not filesystem.exists(folder):
            continue
        for status in filesystem.listStatus(folder):
            name = status.getPath().getName()
            if status.isFile() and not name.startswith("."):
                paths.append(status.getPath().toString())
                modified[(unit, name)] = status.getModificationTime() / 1000.0
    pairs = sorted({(unit, dataset) for (unit, _) in modified for dataset in units[unit]})
    print(f"kdl_spark: {len(paths)} export(s), {len(pairs)} task(s) (unit × dataset)")

    results = []
    if pairs:
        position = {pair: index for index, pair in enumerate(pairs)}

        def expand(item):
            path, content = item
            unit, name = path.rstrip("/").split("/")[-2:]
            for dataset in units[unit]:
                yield (unit, dataset), (name, content)

        shipped = context.broadcast(configuration)
        as_of, bin_folder = arguments.as_of, arguments.bin
        tasks = (context.binaryFiles(",".join(paths), minPartitions=max(1, min(len(paths), context.defaultParallelism)))
                 .flatMap(expand)
                 .groupByKey(numPartitions=len(pairs), partitionFunc=lambda pair: position[pair])
                 .map(lambda item: run_pair(item[0], sorted(item[1]), shipped.value, pipeline_name, as_of, bin_folder, modified)))
        # One pair at a time to the driver: its work files, as the stages on one machine would leave them.
        for (unit, dataset), files, codes, stderr in tasks.toLocalIterator():
            for name, content in files.items():
                restricted.write(os.path.join(out, "work", unit, dataset, name), content, out)
            if "normalized.csv" in files:
                write_table(jvm, hadoop, Path, restricted, tables, unit, dataset, files["normalized.csv"])
            if stderr:
                sys.stderr.write(stderr)
            results.append(((unit, dataset), codes))

    blocked = any(65 in codes for _, codes in results)
    bundle = subprocess.run([binary("kdl-bundle", arguments.bin), "--pipeline", pipeline, "--out", out, "--as-of", arguments.as_of])
    spark.stop()
    for (unit, dataset), codes in sorted(results):
        print(f"kdl_spark: {unit} {dataset}: " + " ".join(f"{stage}={code}" for stage, code in zip(STAGES, codes)))
    if bundle.returncode not in (0, 65, 66):
        return bundle.returncode
    return 65 if blocked and bundle.returncode == 0 else bundle.returncode


def write_table(jvm, hadoop, Path, restricted, tables, unit, dataset, content):
    """normalized.csv as dataset=<id>/unit=<id>/part-00000.csv, written beside and renamed over."""
    if tables.startswith("file:"):
        local = tables[len("file://"):] if tables.startswith("file://") else tables[len("file:"):]
        restricted.folders(local, os.path.dirname(local))
        restricted.write(os.path.join(local, f"dataset={dataset}", f"unit={unit}", "part-00000.csv"), content, local)
        return
    folder = Path(f"{tables.rstrip('/')}/dataset={dataset}/unit={unit}")
    filesystem = folder.getFileSystem(hadoop)
    filesystem.mkdirs(folder)
    final, temporary = Path(folder, "part-00000.csv"), Path(folder, ".part-00000.csv.tmp")
    stream = filesystem.create(temporary, True)
    stream.write(bytearray(content))
    stream.close()
    if filesystem.exists(final):
        filesystem.delete(final, False)
    if not filesystem.rename(temporary, final):
        raise RuntimeError(f"could not write {final.toString()}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
