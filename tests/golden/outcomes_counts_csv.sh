powstat outcomes 231034,18382,30749,5924,11556,5347 --labels army,assault,industry,escort,arrested,hospital --total 302992 --format csv
