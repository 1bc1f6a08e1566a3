install {{path}};
