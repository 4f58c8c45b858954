CREATE DATABASE twinledger_events;
CREATE DATABASE twinledger_read;
