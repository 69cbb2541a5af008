"""The statistics feature: my figures from the cache, charts, the server's beside them."""
