"""Sample material for measuring the project; product code never imports this package."""
