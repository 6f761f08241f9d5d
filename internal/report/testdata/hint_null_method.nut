local led = null;
led.write(1);
