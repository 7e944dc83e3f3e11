"""The HTTP plumbing under the route modules: tokens (auth), CORS, allowed hosts, security headers, error
answers, formats and paging, NIP masking, the database with its result cache (database, results, kept), the
analyst's Cypher guard and the handling of uploaded files. No module here registers a route."""
