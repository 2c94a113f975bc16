"""Demo owns the demo data set (two fictional councils) and the load-demo command."""
