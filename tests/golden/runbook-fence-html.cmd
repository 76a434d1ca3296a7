runbook @ --fence azure-devops -f html -o -
