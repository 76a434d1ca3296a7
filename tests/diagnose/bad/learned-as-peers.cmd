diagnose designs/contoso-eastus.yaml --learned vpngw-hub-eus=tests/diagnose/contoso-baseline/vpngw-hub-eus.learned.json --bgp-peers vpngw-hub-eus=@
