"""Platform inventories (名单): read CSV/XLSX/DOCX/HTML tables and numbered text lists, map their
headers onto the canonical columns of docs/reference/inventory.md, infer what is missing, and turn the rows into
GraphBatches (see ``read.read_inventory`` and ``to_graph.to_batches``)."""
