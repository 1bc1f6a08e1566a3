drop macro if exists {{macro}};
