diagram @ --format mermaid --fence azure-devops -o -
