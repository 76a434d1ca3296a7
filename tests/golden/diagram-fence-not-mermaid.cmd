diagram @ --fence markdown -o -
