validate @.missing
