"""Registry pages, one module per part of the register, as `services/` is split: `items` (the
list, an item with its lifecycle actions, incoming registration, proposals, transfers, books,
approvals and recalls), `catalogue` (the secret catalogues and the items to review after a
level change) and `protection` (the level change, re-marking and the notices bundles).
`bmnn.registry.urls` routes to them."""
