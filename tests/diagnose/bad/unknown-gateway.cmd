diagnose designs/contoso-eastus.yaml --learned vpngw-hub-west=@
