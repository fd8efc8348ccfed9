"""The rule families, one module each. Importing a module registers its rules."""
