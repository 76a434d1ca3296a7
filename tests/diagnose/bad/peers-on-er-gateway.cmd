diagnose designs/contoso-eastus.yaml --learned ergw-hub-eus=tests/diagnose/contoso-baseline/ergw-hub-eus.learned.json --bgp-peers ergw-hub-eus=@
