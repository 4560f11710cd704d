printf "id,deaths,captured\nA,1,10\n" | powstat rates - --format csv
