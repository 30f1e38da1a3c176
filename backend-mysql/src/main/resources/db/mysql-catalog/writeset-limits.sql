SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_max_ws_size', 'wsrep_max_ws_rows')
