diagnose designs/contoso-eastus.yaml --learned ergw-hub-eus=tests/diagnose/contoso-baseline/ergw-hub-eus.json --bgp-peers ergw-hub-eus=@
