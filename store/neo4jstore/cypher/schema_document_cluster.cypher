CREATE INDEX document_cluster IF NOT EXISTS
FOR (d:Document) ON (d.cluster)
