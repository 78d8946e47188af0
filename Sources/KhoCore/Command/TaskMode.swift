/// `--task`: a stage command as one task of a distributed run (`scripts/spark/kdl_spark.py`).
/// Spark may run a task twice (a retry, a speculative copy) and on any machine, so a task depends
/// on its arguments alone: nothing is taken from `nightly.json`'s inbox, out or units, it touches
/// nothing outside `work/<unit>/<dataset>/` of its own `--out`, and its stdout stays empty. Its
/// files are written atomically and are the same bytes each time, so whichever attempt wins, the
/// gathered work files are those of a local run.
enum TaskMode {
    static func require(_ options: StageOptions, readsInbox: Bool) throws {
        guard options.units.count == 1, options.datasets.count == 1 else {
            throw UsageError(vi: "--task cần đúng một --unit và một --dataset", en: "--task needs exactly one --unit and one --dataset")
        }
        guard options.out != nil else {
            throw UsageError(vi: "--task cần --out (thư mục riêng của việc)", en: "--task needs --out (the task's own folder)")
        }
        if readsInbox && options.inbox == nil {
            throw UsageError(vi: "--task cần --inbox (tệp xuất của đơn vị, đã chép về máy chạy việc)",
                             en: "--task needs --inbox (the unit's exports, copied to the task's machine)")
        }
    }
}
