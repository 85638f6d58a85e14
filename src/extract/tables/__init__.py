"""Pipeline results to table rows and pandas frames."""
