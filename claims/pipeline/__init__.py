"""Articles from their sources to their claims and into the store: what `extract`, `ingest` and `audit` share.

    items = read_sources(paths, on_warning=print)                     # claims.pipeline.read
    for outcome in extract_articles(items, lang="vi", jobs=4): ...   # claims.pipeline.extract, no database
    result = ingest_articles(store, items, jobs=4)                    # claims.pipeline.ingest
    found = check_ingested(store, result.article_ids)                 # claims.pipeline.audit

Items stream through one at a time, from the reader to the output or to the article's
transaction, so a large archive is never held whole. An input that cannot be read and an
article extraction fails on are named and the batch goes on; `--jobs` extracts in worker
processes (claims.extract.pool) and hands the articles back in the order they were read,
so what is printed or stored is the same as with one process.

The modules are imported one by one, not from here: `claims extract` needs no database
code, and importing it would cost a noticeable part of a second.
"""
