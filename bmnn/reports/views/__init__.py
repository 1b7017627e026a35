"""Reports pages, one module per part: `periods` (reporting periods, each agency's submission,
the province report and imported reports) and `incidents` (file one, follow it up, close it).
`bmnn.reports.urls` routes to them."""
