"""Scale: the pipeline's map over many machines, its results as files to load later.

In: input paths, cut into partitions. Out: record shards (gzip JSON lines, the
`thidua extract --jsonl` format) and a manifest in a folder, for `thidua load`.
`engines` runs pipeline.map_partition on this machine's processes, `dask_engine` on
a Dask cluster (`distributed` is an extra, imported there only); `shards` is the
shard file format and what a worker sends back; `manifest` says what a folder
holds, so a stopped run is finished by redoing only the shards it lacks.
"""
