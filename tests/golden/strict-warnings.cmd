validate --strict @
