load postgres;
