"""What a person gives cuidado: opening it safely (sources), and why it could not be read (problems)."""
