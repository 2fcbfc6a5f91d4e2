package io.tasvie.gateway.legacy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * PayRep's XML as an ASMX service writes it: the bare {@code PayRepResult} for HTTP GET and POST,
 * and SOAP 1.1 and 1.2 envelopes; and the reading of a SOAP request, with DTDs and external
 * entities refused.
 */
final class PayRepXml {

  static final String NAMESPACE = "http://tempuri.org/";
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  private PayRepXml() {}

  /** The parameters of a SOAP {@code PayRep} call. */
  record PayRepCall(String id, String rmz, String res) {}

  static String result(PayRepResult result) {
    return write(
        xml -> {
          xml.writeStartElement("PayRepResult");
          xml.writeDefaultNamespace(NAMESPACE);
          fields(xml, result);
          xml.writeEndElement();
        });
  }

  static String soapResponse(String envelopeNamespace, PayRepResult result) {
    return envelope(
        envelopeNamespace,
        xml -> {
          xml.writeStartElement("PayRepResponse");
          xml.writeDefaultNamespace(NAMESPACE);
          xml.writeStartElement("PayRepResult");
          fields(xml, result);
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  static String soapFault(String envelopeNamespace, String reason) {
    boolean soap12 = SOAP12.equals(envelopeNamespace);
    return envelope(
        envelopeNamespace,
        xml -> {
          xml.writeStartElement("soap", "Fault", envelopeNamespace);
          if (soap12) {
            xml.writeStartElement("soap", "Code", envelopeNamespace);
            element(xml, "soap", "Value", envelopeNamespace, "soap:Sender");
            xml.writeEndElement();
            xml.writeStartElement("soap", "Reason", envelopeNamespace);
            xml.writeStartElement("soap", "Text", envelopeNamespace);
            xml.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", "en");
            xml.writeCharacters(reason);
            xml.writeEndElement();
            xml.writeEndElement();
          } else {
            element(xml, null, "faultcode", null, "soap:Client");
            element(xml, null, "faultstring", null, reason);
          }
          xml.writeEndElement();
        });
  }

  /**
   * @return the call, or empty when the body is not a SOAP envelope holding a PayRep element
   * @throws IllegalArgumentException when the body is not well-formed XML or declares a DTD
   */
  static Optional<PayRepCall> readCall(String body, String envelopeNamespace) {
    Document document = parse(body);
    Element envelope = document.getDocumentElement();
    if (!"Envelope".equals(envelope.getLocalName())
        || !envelopeNamespace.equals(envelope.getNamespaceURI())) {
      return Optional.empty();
    }
    return child(envelope, "Body")
        .flatMap(soapBody -> child(soapBody, "PayRep"))
        .map(call -> new PayRepCall(text(call, "ID"), text(call, "Rmz"), text(call, "Res")));
  }

  private static Document parse(String body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(body)));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("The request is not well-formed XML without a DTD", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Element> child(Element parent, String localName) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && localName.equals(element.getLocalName())) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  private static String text(Element parent, String localName) {
    return child(parent, localName).map(Element::getTextContent).orElse(null);
  }

  private static void fields(XMLStreamWriter xml, PayRepResult result) throws XMLStreamException {
    element(xml, null, "Nam", null, result.nam());
    element(xml, null, "Dsc", null, result.dsc());
    element(xml, null, "Amnt", null, Long.toString(result.amnt()));
    element(xml, null, "Dat", null, result.dat());
    element(xml, null, "Err", null, Integer.toString(result.code().err()));
    element(xml, null, "ErrDsc", null, result.code().description());
    element(xml, null, "DatTasvie", null, result.datTasvie());
    element(xml, null, "NoTasvie", null, result.noTasvie());
    element(xml, null, "IP", null, result.ip());
  }

  private static void element(
      XMLStreamWriter xml, String prefix, String name, String namespace, String text)
      throws XMLStreamException {
    if (prefix == null) {
      xml.writeStartElement(name);
    } else {
      xml.writeStartElement(prefix, name, namespace);
    }
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  private static String envelope(String envelopeNamespace, Body body) {
    return write(
        xml -> {
          xml.writeStartElement("soap", "Envelope", envelopeNamespace);
          xml.writeNamespace("soap", envelopeNamespace);
          xml.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
          xml.writeNamespace("xsd", XMLConstants.W3C_XML_SCHEMA_NS_URI);
          xml.writeStartElement("soap", "Body", envelopeNamespace);
          body.write(xml);
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
      xml.writeStartDocument("utf-8", "1.0");
      body.write(xml);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
