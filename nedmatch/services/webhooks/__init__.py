"""Webhooks: other systems are told when an application changes stage or a candidate is
appointed. `events` writes a delivery with the change, `delivery` sends due ones (from a
background job or `flask webhooks deliver`), `subscriptions` is the administrators' side."""
