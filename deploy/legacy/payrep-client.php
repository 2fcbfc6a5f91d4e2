<?php
// A legacy merchant's PayRep call: PHP's SoapClient in WSDL mode, built from the served WSDL.
// Usage: php payrep-client.php WSDL_URL ID RMZ RES [1.1|1.2]; prints the result as JSON.
$client = new SoapClient($argv[1], [
    'soap_version' => ($argv[5] ?? '1.1') === '1.2' ? SOAP_1_2 : SOAP_1_1,
    'cache_wsdl' => WSDL_CACHE_NONE,
    'exceptions' => true,
]);
$response = $client->PayRep(['ID' => $argv[2], 'Rmz' => $argv[3], 'Res' => $argv[4]]);
echo json_encode($response->PayRepResult, JSON_UNESCAPED_UNICODE), "\n";
