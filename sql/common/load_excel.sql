load excel;
